namespace Telethon.Model;

/// <summary>One page of an <see cref="AsyncList{T}"/>.</summary>
/// <param name="Items">The items of the page, in order.</param>
/// <param name="Next">The state the next page starts from; null when this was the last page.</param>
/// <param name="TotalCount">The total count Telegram reported, when it did.</param>
internal sealed record AsyncListPage<T>(IReadOnlyList<T> Items, object? Next, int? TotalCount);
