using Telethon.Tl;

namespace Telethon.Events;

/// <summary>
/// What events need from the account that received them: who is logged in (for outgoing messages and the
/// <c>/command@username</c> form) and a way to call Telegram (to respond). The Client implements it; it has to be
/// thread-safe, since handlers run on the thread pool.
/// </summary>
public interface IEventContext
{
    /// <summary>The id of the logged-in account, when known.</summary>
    long? SelfId { get; }

    /// <summary>The username of the logged-in account (without @), when it has one.</summary>
    string? SelfUsername { get; }

    /// <summary>The client of the account, to call any of its methods from a handler (Telethon's <c>event.client</c>).</summary>
    Client Client { get; }

    /// <summary>Calls <paramref name="function"/> as the account (the same path as <c>Client.InvokeAsync</c>:
    /// an Updates result has to reach the account's updates actor too).</summary>
    /// <param name="function">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default);
}
