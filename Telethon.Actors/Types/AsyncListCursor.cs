namespace Telethon.Model;

/// <summary>Where the next page of an <see cref="AsyncList{T}"/> starts.</summary>
/// <param name="State">What the previous page said about the next one (offsets); null for the first page.</param>
/// <param name="Remaining">How many items the list still wants; null for all.</param>
internal sealed record AsyncListCursor(object? State, int? Remaining)
{
    /// <summary>The page size to ask for: what remains, at most <paramref name="max"/>.</summary>
    public int PageSize(int max) => Remaining is { } r ? Math.Min(r, max) : max;
}
