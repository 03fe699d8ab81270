using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when every one of its filters passes; checks them in order and stops at the first failure.</summary>
public sealed class AllFilter : Filter
{
    /// <summary>Creates the filter. A filter among <paramref name="filters"/> that is itself an <see cref="AllFilter"/> is taken
    /// apart (its filters take its place, in order), so nested combinations make one flat list.</summary>
    /// <param name="filters">The filters to check, in order.</param>
    public AllFilter(params IEnumerable<Filter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var flat = new List<Filter>();
        foreach (var filter in filters)
        {
            ArgumentNullException.ThrowIfNull(filter, nameof(filters));
            if (filter is AllFilter nested)
                flat.AddRange(nested.Filters); // already flat
            else
                flat.Add(filter);
        }
        Filters = flat.AsReadOnly();
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
