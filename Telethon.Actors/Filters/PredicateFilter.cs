using Telethon.Events;

namespace Telethon.Filters;

/// <summary>A custom condition. Filters should be fast and never throw; one that throws counts as not passing.</summary>
public sealed class PredicateFilter : Filter
{
    private readonly Func<Event, bool> _predicate;

    /// <summary>Creates the filter.</summary>
    /// <param name="predicate">The condition.</param>
    public PredicateFilter(Func<Event, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _predicate = predicate;
    }

    /// <inheritdoc />
    public override bool Matches(Event e)
    {
        try
        {
            return _predicate(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => "Where(...)";
}
