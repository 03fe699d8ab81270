using System.Net.Sockets;
using Telethon.TestServer.Network;

namespace Telethon.Tests.TestServer.Network;

/// <summary>A bare TCP socket for sending bytes no client would send.</summary>
internal sealed class RawClientSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;

    private RawClientSocket(TcpClient tcp) => _tcp = tcp;

    public static async Task<RawClientSocket> OpenAsync(DcEndpoint dc)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(dc.Host, dc.Port);
        return new RawClientSocket(tcp);
    }

    public async Task SendAsync(byte[] bytes) => await _tcp.GetStream().WriteAsync(bytes);

    /// <summary>True when the server closes the connection within a few seconds.</summary>
    public async Task<bool> ClosedAsync()
    {
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await _tcp.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
