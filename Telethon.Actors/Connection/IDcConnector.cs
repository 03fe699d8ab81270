namespace Telethon.Connection;

/// <summary>
/// Opens the byte stream a <see cref="DcConnectionActor"/> speaks MTProto over. The default,
/// <see cref="TcpDcConnector"/>, opens a TCP socket; implement this to go through a SOCKS or HTTP
/// proxy, a tunnel, or an in-memory pipe in tests. The transport framing (and obfuscation) is applied
/// on top of the stream, so an MTProxy only needs a plain TCP stream to the proxy plus the obfuscated option.
/// </summary>
public interface IDcConnector
{
    /// <summary>
    /// Connects to <paramref name="address"/>. Called from a task, never on the actor's thread; it may
    /// take as long as it needs, but should honour <paramref name="cancellation"/> (the connect timeout, or
    /// the actor stopping). The returned stream is owned (and disposed) by the connection.
    /// </summary>
    /// <param name="address">The DC to reach.</param>
    /// <param name="cancellation">Cancelled when the attempt is abandoned.</param>
    ValueTask<Stream> ConnectAsync(DcAddress address, CancellationToken cancellation);
}
