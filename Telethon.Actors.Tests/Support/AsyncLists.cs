namespace Telethon.Tests.Support;

/// <summary>
/// Collects an async sequence. (Both .NET and the System.Linq.Async package that Akka.Persistence.Sql brings
/// in define <c>ToListAsync</c> with the same name, which makes the extension ambiguous here.)
/// </summary>
public static class AsyncLists
{
    /// <summary>All items of <paramref name="source"/>.</summary>
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
            list.Add(item);
        return list;
    }
}
