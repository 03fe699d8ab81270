using Telethon.Model;

namespace Telethon.Tests.PeerRefs;

public sealed class AsyncListTests
{
    // A server of 25 numbers in pages of at most 10, counting its requests.
    private sealed class Pages
    {
        public int Requests;

        public AsyncList<int> List(int? limit, int total = 25, int max = 10) => new((cursor, _) =>
        {
            Interlocked.Increment(ref Requests);
            var start = (int?)cursor.State ?? 0;
            var size = cursor.PageSize(max);
            var items = Enumerable.Range(start, Math.Max(0, Math.Min(size, total - start))).ToArray();
            var next = start + items.Length;
            return Task.FromResult(new AsyncListPage<int>(items, next < total ? next : null, total));
        }, limit);
    }

    [Fact]
    public async Task Awaiting_fetches_every_page()
    {
        var pages = new Pages();
        List<int> all = await pages.List(null);
        Assert.Equal(Enumerable.Range(0, 25), all);
        Assert.Equal(3, pages.Requests);
    }

    [Fact]
    public async Task A_limit_asks_for_no_more_than_it_needs()
    {
        var pages = new Pages();
        var list = pages.List(12);
        Assert.Null(list.TotalCount);
        Assert.Equal(Enumerable.Range(0, 12), await list);
        Assert.Equal(2, pages.Requests);
        Assert.Equal(25, list.TotalCount);
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_stops_the_requests()
    {
        var pages = new Pages();
        await foreach (var item in pages.List(null))
        {
            if (item == 3)
                break;
        }
        Assert.Equal(1, pages.Requests);
    }

    [Fact]
    public async Task Each_enumeration_starts_again()
    {
        var pages = new Pages();
        var list = pages.List(5);
        Assert.Equal(await list, await list);
        Assert.Equal(2, pages.Requests);
    }

    [Fact]
    public async Task A_server_that_claims_more_but_sends_nothing_ends_the_list()
    {
        var requests = 0;
        var list = new AsyncList<int>((_, _) =>
        {
            requests++;
            return Task.FromResult(new AsyncListPage<int>([], "more", 100));
        }, null);
        Assert.Empty(await list);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Cancellation_reaches_the_requests()
    {
        using var cts = new CancellationTokenSource();
        var list = new AsyncList<int>((_, token) => Task.FromCanceled<AsyncListPage<int>>(token), null);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => list.ToListAsync(cts.Token));
    }
}
