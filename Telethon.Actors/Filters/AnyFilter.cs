using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when any of its filters passes; checks them in order and stops at the first success.</summary>
public sealed class AnyFilter : Filter
{
    /// <summary>Creates the filter. A filter among <paramref name="filters"/> that is itself an <see cref="AnyFilter"/> is taken
    /// apart (its filters take its place, in order), so nested combinations make one flat list.</summary>
    /// <param name="filters">The filters to check, in order.</param>
    public AnyFilter(params IEnumerable<Filter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var flat = new List<Filter>();
        foreach (var filter in filters)
        {
            ArgumentNullException.ThrowIfNull(filter, nameof(filters));
            if (filter is AnyFilter nested)
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
            if (filter.Matches(e))
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"Any({string.Join(", ", Filters)})";
}
