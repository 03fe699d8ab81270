using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when every one of its filters passes; checks them in order and stops at the first failure.</summary>
public sealed class AllFilter : Filter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="filters">The filters to check, in order.</param>
    public AllFilter(params IEnumerable<Filter> filters)
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
            if (!filter.Matches(e))
                return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"All({string.Join(", ", Filters)})";
}
