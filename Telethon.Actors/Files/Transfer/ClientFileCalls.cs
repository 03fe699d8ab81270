using Telethon.Tl;

namespace Telethon.Files;

/// <summary>The transfer engine's calls through a <see cref="Client"/>: its one request path, which follows FILE_MIGRATE and
/// sleeps FLOOD_WAIT, and its <see cref="ClientOptions.FilePartsInFlight"/>.</summary>
internal sealed class ClientFileCalls(Client client) : IFileCalls
{
    /// <inheritdoc />
    public int PartsInFlight => client.Options.FilePartsInFlight;

    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, int? dcId, CancellationToken cancellationToken) =>
        client.InvokeAsync(function, dcId, cancellationToken);
}
