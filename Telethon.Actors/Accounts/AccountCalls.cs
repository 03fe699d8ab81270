using Akka.Actor;
using Telethon.Embedding;
using Telethon.Tl;

namespace Telethon.Accounts;

/// <summary>Calls Telegram through an account actor from outside the actor system (the facade, handlers): ask and await.</summary>
internal static class AccountCalls
{
    /// <summary>How long past the request's own timeout an answer is awaited before the account counts as gone.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends <paramref name="function"/> as an <see cref="AccountRequest"/> and awaits its answer. Cancelling
    /// <paramref name="cancellationToken"/> sends <see cref="CancelAccountRequest"/> (a message, not the token) and the
    /// account answers with an <see cref="OperationCanceledException"/>, which is thrown with the caller's token.
    /// <paramref name="dcId"/> names the DC to send to (a file's DC); null for the home DC.
    /// </summary>
    public static async Task<TResult> InvokeAsync<TResult>(IActorRef account, TlFunction<TResult> function, TimeSpan timeout, CancellationToken cancellationToken,
        int? dcId = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        cancellationToken.ThrowIfCancellationRequested();
        var id = Guid.NewGuid();
        object reply;
        using (cancellationToken.CanBeCanceled ? cancellationToken.Register(() => account.Tell(new CancelAccountRequest(id))) : default)
        {
            try
            {
                reply = await account.Ask<object>(new AccountRequest(id, function, timeout, dcId), timeout + Grace, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (AskTimeoutException e)
            {
                throw new TimeoutException($"The account did not answer {function.TlName} (it stopped, or is overloaded).", e);
            }
        }
        return reply switch
        {
            AccountResult { Value: TResult value } => value,
            AccountResult { Value: null } when default(TResult) is null => default!,
            AccountResult result => throw new InvalidOperationException(
                $"{function.TlName} answered {result.Value?.GetType().Name ?? "null"}, not {typeof(TResult).Name}."),
            AccountFailure { Cause: OperationCanceledException canceled } when cancellationToken.IsCancellationRequested =>
                throw new OperationCanceledException(canceled.Message, canceled, cancellationToken),
            AccountFailure failure => throw failure.Cause,
            _ => throw new InvalidOperationException($"Unexpected answer {reply.GetType().Name} to {function.TlName}."),
        };
    }
}
