using System.Net.Sockets;

namespace Telethon.Connection;

/// <summary>The default connector: a direct TCP connection (Nagle off) wrapped in a <see cref="NetworkStream"/>.</summary>
public sealed class TcpDcConnector : IDcConnector
{
    /// <summary>The shared instance (it keeps no state).</summary>
    public static TcpDcConnector Instance { get; } = new();

    /// <inheritdoc />
    public async ValueTask<Stream> ConnectAsync(DcAddress address, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(address);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, cancellation).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
