using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when its filter does not.</summary>
public sealed class NotFilter : Filter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="filter">The filter to negate.</param>
    public NotFilter(Filter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Filter = filter;
    }

    /// <summary>The filter being negated.</summary>
    public Filter Filter { get; }

    /// <inheritdoc />
    public override bool Matches(Event e) => !Filter.Matches(e);

    /// <inheritdoc />
    public override string ToString() => $"Not({Filter})";
}
