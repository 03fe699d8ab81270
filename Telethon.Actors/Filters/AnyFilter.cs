using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when any of its filters passes; checks them in order and stops at the first success.</summary>
public sealed class AnyFilter : Filter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="filters">The filters to check, in order.</param>
    public AnyFilter(params IEnumerable<Filter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        Filters = [.. filters];
        foreach (var filter in Filters)
            ArgumentNullException.ThrowIfNull(filter, nameof(filters));
    }

    /// <summary>The filters being checked, in order.</summary>
    public IReadOnlyList<Filter> Filters { get; }

    /// <inheritdoc />
    public override bool Matches(Event e)
    {
        foreach (var filter in Filters)
        {
            if (filter.Matches(e))
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"Any({string.Join(", ", Filters)})";
}
