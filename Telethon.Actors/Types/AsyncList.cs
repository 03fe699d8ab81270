using System.Runtime.CompilerServices;

namespace Telethon.Model;

/// <summary>
/// An asynchronous list (Telethon's <c>AsyncList</c>): iterate it with <c>await foreach</c> to fetch pages lazily, as they
/// are needed (breaking out of the loop stops the requests), or await it to get every item as a <see cref="List{T}"/>.
/// Each enumeration starts from the beginning with new requests. <see cref="TotalCount"/> is the count Telegram reports,
/// once a page has been fetched.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AsyncList<T> : IAsyncEnumerable<T>
{
    private readonly Func<AsyncListCursor, CancellationToken, Task<AsyncListPage<T>>> _fetch;
    private int _totalCount = -1;

    /// <summary>A list whose pages <paramref name="fetch"/> brings, up to <paramref name="limit"/> items (null: all).</summary>
    internal AsyncList(Func<AsyncListCursor, CancellationToken, Task<AsyncListPage<T>>> fetch, int? limit)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (limit is < 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        _fetch = fetch;
        Limit = limit;
    }

    /// <summary>The most items the list yields; null for all there are.</summary>
    public int? Limit { get; }

    /// <summary>
    /// The total count Telegram reported with the last page fetched (Telethon's <c>len()</c>): how many items exist, which is
    /// not necessarily how many the list yields (see <see cref="Limit"/>), and may change as pages are fetched. Null until a
    /// page has been fetched.
    /// </summary>
    public int? TotalCount
    {
        get
        {
            var count = Volatile.Read(ref _totalCount);
            return count < 0 ? null : count;
        }
    }

    /// <summary>Fetches every item (as many requests as needed) into a list.</summary>
    public async Task<List<T>> ToListAsync(CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await foreach (var item in WithCancellation(cancellationToken).ConfigureAwait(false))
            items.Add(item);
        return items;
    }

    /// <summary>Awaiting the list fetches every item: <c>var messages = await client.GetMessagesAsync(chat, 10);</c></summary>
    public TaskAwaiter<List<T>> GetAwaiter() => ToListAsync().GetAwaiter();

    /// <summary>The list with a cancellation token for its requests.</summary>
    public ConfiguredCancelableAsyncEnumerable<T> WithCancellation(CancellationToken cancellationToken) =>
        ((IAsyncEnumerable<T>)this).WithCancellation(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var cursor = new AsyncListCursor(null, Limit);
        var yielded = 0;
        while (cursor.Remaining is not 0)
        {
            var page = await _fetch(cursor, cancellationToken).ConfigureAwait(false);
            if (page.TotalCount is { } total)
                Volatile.Write(ref _totalCount, total);
            foreach (var item in page.Items)
            {
                if (Limit is { } limit && yielded >= limit)
                    yield break;
                yielded++;
                yield return item;
            }
            // A page with nothing new ends the list even when the server claims more (it would loop forever otherwise).
            if (page.Next is null || page.Items.Count == 0)
                yield break;
            cursor = new AsyncListCursor(page.Next, Limit is { } l ? l - yielded : null);
        }
    }
}
