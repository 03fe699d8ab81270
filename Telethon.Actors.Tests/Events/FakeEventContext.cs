using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Tl;

namespace Telethon.Tests.Events;

/// <summary>An account for events: records what was invoked and answers with <see cref="Answer"/>.</summary>
internal sealed class FakeEventContext(long? selfId = 1000, string? selfUsername = "bot") : IEventContext
{
    public long? SelfId { get; } = selfId;

    public string? SelfUsername { get; } = selfUsername;

    public Client Client => throw new InvalidOperationException("A fake account has no client.");

    public ConcurrentQueue<TlFunction> Invoked { get; } = new();

    public Func<TlFunction, object?> Answer { get; set; } = f => throw new InvalidOperationException($"No answer for {f.TlName}.");

    public Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default)
    {
        Invoked.Enqueue(function);
        return Task.FromResult((TResult)Answer(function)!);
    }
}
