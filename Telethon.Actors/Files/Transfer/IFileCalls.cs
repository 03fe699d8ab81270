using Telethon.Tl;

namespace Telethon.Files;

/// <summary>How the transfer engine calls Telegram: through the account (<see cref="ClientFileCalls"/>), or a fake in tests.</summary>
internal interface IFileCalls
{
    /// <summary>How many parts a transfer keeps in flight (<see cref="ClientOptions.FilePartsInFlight"/>).</summary>
    int PartsInFlight { get; }

    /// <summary>Calls <paramref name="function"/> on DC <paramref name="dcId"/> (null: the home DC); cancelling
    /// <paramref name="cancellationToken"/> cancels the request in the account.</summary>
    Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, int? dcId, CancellationToken cancellationToken);
}
