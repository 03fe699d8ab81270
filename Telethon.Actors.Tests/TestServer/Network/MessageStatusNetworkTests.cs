using System.Buffers;
using System.Net.Sockets;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Mtproto;
using Telethon.Transport;
using Fn = Telethon.Tl.Functions;
using Mt = Telethon.Tl.Mtproto;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>
/// The test server's session over real connections: a session that comes back on a new connection is told the state
/// of its messages, a request sent again is not run twice, and destroy_auth_key forgets the key (-404 from then on).
/// </summary>
public sealed class MessageStatusNetworkTests
{
    private const string Held = "help.getConfig";

    private static Fn.InvokeWithLayer<T> Init<T>(Telethon.Tl.TlFunction<T> query) => new()
    {
        Layer = Telethon.Tl.TlRegistry.Layer,
        Query = new Fn.InitConnection<T>
        {
            ApiId = 1, DeviceModel = "tests", SystemVersion = "linux", AppVersion = "1.0", SystemLangCode = "en", LangPack = "", LangCode = "en",
            Query = query,
        },
    };

    private static async Task<AuthKeyResult> NewKeyAsync(RunningServer server)
    {
        await using var client = await server.ConnectAsync(dc: 2);
        return client.Key;
    }

    [Fact]
    public async Task ASessionBackOnANewConnectionIsToldTheStateOfItsMessages()
    {
        await using var server = await RunningServer.StartAsync();
        var key = await NewKeyAsync(server);
        var session = new MtprotoClientSession(key.Key, key.ServerSalt);

        var ping = session.Enqueue(new Mt.Functions.Ping { PingId = 1 });
        await using (var first = await SessionSocket.OpenAsync(server.Dc(2)))
        {
            await first.SendAsync(session);
            await first.ReceiveUntilAsync(session, events => events.OfType<RpcResultEvent>().Any(r => r.Request == ping));
        }

        // The same session (same session_id) on a new connection: the server tells it what became of its messages.
        await using var second = await SessionSocket.OpenAsync(server.Dc(2));
        var again = session.Enqueue(new Mt.Functions.Ping { PingId = 2 });
        await second.SendAsync(session);
        var events = await second.ReceiveUntilAsync(session, e => e.OfType<RpcResultEvent>().Any(r => r.Request == again));
        var all = Assert.IsType<Mt.Types.MsgsAllInfo>(Assert.Single(events.OfType<ServiceMessageEvent>(), e => e.Message is Mt.Types.MsgsAllInfo).Message);
        Assert.Contains(ping.MsgId, all.MsgIds);
        Assert.DoesNotContain(events, e => e is BadMessageEvent or NewSessionCreatedEvent);
    }

    [Fact]
    public async Task ARequestSentAgainOnANewConnectionIsNotRunTwiceAndItsAnswerIsFetched()
    {
        await using var server = await RunningServer.StartAsync(new TestServerOptions { Faults = new FaultOptions { HeldMethods = [Held] } });
        var faults = server.Host.Faults!;
        var key = await NewKeyAsync(server);
        var session = new MtprotoClientSession(key.Key, key.ServerSalt);

        var request = session.Enqueue(Init(new Fn.Help.GetConfig()));
        byte[] sent;
        await using (var first = await SessionSocket.OpenAsync(server.Dc(2)))
        {
            sent = await first.SendAsync(session);
            await Support.Eventually.UntilAsync(() => faults.HeldCount(Held) == 1, "the server to work on help.getConfig");
            Assert.Equal(1, faults.Release(Held));
            // The answer reaches the first connection, which goes away before the client reads it.
            await first.ReadUntilAsync(frame => ContainsAnswerTo(key, frame, request.MsgId));
        }
        faults.Hold(Held);

        // The client sends the request again as it was (the same msg_id) on a new connection.
        await using var second = await SessionSocket.OpenAsync(server.Dc(2));
        await second.SendRawAsync(sent);
        var events = await second.ReceiveUntilAsync(session, e => e.Any(x => x is ServiceMessageEvent { Message: Mt.Types.MsgDetailedInfo }));
        var detailed = events.OfType<ServiceMessageEvent>().Select(e => e.Message).OfType<Mt.Types.MsgDetailedInfo>().First();
        Assert.Equal(request.MsgId, detailed.MsgId);

        // The session asks for the answer (msg_resend_req) and gets it; the server never ran the request again.
        Assert.True(session.QueuedCount > 0);
        await second.SendAsync(session);
        var fetched = await second.ReceiveUntilAsync(session, e => e.OfType<RpcResultEvent>().Any(r => r.Request == request));
        Assert.IsType<Types.Config>(fetched.OfType<RpcResultEvent>().Single(r => r.Request == request).Result);
        Assert.Equal(0, faults.HeldCount(Held));
        faults.Release(Held);
    }

    [Fact]
    public async Task DestroyAuthKeyIsAnsweredOkAndTheKeyThenMeetsMinus404()
    {
        await using var server = await RunningServer.StartAsync();
        await using var client = await server.ConnectAsync(dc: 2);
        await client.InvokeAsync(new Fn.Help.GetNearestDc());
        Assert.Equal(1, server.Host.AuthKeyCount);

        Assert.IsType<Mt.Types.DestroyAuthKeyOk>(await client.InvokeAsync(new Mt.Functions.DestroyAuthKey()));
        Assert.Equal(0, server.Host.AuthKeyCount);
        Assert.Contains(server.Log, line => line.Contains("destroyed by destroy_auth_key", StringComparison.Ordinal));

        // Whatever comes next with that auth_key_id, on this connection or another, meets transport error -404.
        await Assert.ThrowsAnyAsync<Exception>(() => client.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(-404, Assert.IsType<TransportErrorException>(client.Closed).Code);
        await using var again = await Telethon.TestServer.Client.TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, key: client.Key);
        await Assert.ThrowsAnyAsync<Exception>(() => again.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(-404, Assert.IsType<TransportErrorException>(again.Closed).Code);
    }

    private static bool ContainsAnswerTo(AuthKeyResult key, byte[] frame, long requestMsgId)
    {
        if (frame.Length < 8 || BitConverter.ToInt64(frame) == 0)
            return false;
        var (_, _, _, _, body) = Packets.Open(key.Key, frame, Telethon.Crypto.MessageDirection.ServerToClient);
        var bodies = Packets.IdOf(body) == Telethon.Mtproto.EncryptedMessage.ContainerId ? Packets.Inner(body).Select(m => m.Body) : [body];
        return bodies.Any(b => Packets.IdOf(b) == Mt.Types.RpcResult.TlConstructorId && BitConverter.ToInt64(b, 4) == requestMsgId);
    }

    /// <summary>One TCP connection (intermediate transport) for a client session that outlives it.</summary>
    private sealed class SessionSocket : IAsyncDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly TransportCodec _codec = TransportCodec.Create(TransportKind.Intermediate, TransportRole.Client);
        private readonly ArrayBufferWriter<byte> _payload = new();
        private byte[] _inbox = new byte[64 * 1024];
        private int _filled;

        private SessionSocket(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public static async Task<SessionSocket> OpenAsync(DcEndpoint dc)
        {
            var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(dc.Host, dc.Port);
            return new SessionSocket(tcp);
        }

        /// <summary>Packs what the session has queued, sends it and returns the packet.</summary>
        public async Task<byte[]> SendAsync(MtprotoClientSession session)
        {
            var packet = session.PackOutgoing() ?? throw new InvalidOperationException("nothing to send");
            await SendRawAsync(packet);
            return packet;
        }

        public async Task SendRawAsync(byte[] packet)
        {
            var framed = new ArrayBufferWriter<byte>();
            _codec.Pack(packet, framed);
            await _stream.WriteAsync(framed.WrittenMemory);
        }

        /// <summary>Feeds every frame to the session (sending its acknowledgements) until the events so far satisfy <paramref name="done"/>.</summary>
        public async Task<List<MtprotoEvent>> ReceiveUntilAsync(MtprotoClientSession session, Func<List<MtprotoEvent>, bool> done)
        {
            var events = new List<MtprotoEvent>();
            await ReadUntilAsync(frame =>
            {
                session.ProcessIncoming(frame, events);
                return done(events);
            });
            return events;
        }

        /// <summary>Reads frames until <paramref name="done"/> says so; fails after ten seconds.</summary>
        public async Task ReadUntilAsync(Func<byte[], bool> done)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                while (true)
                {
                    _payload.ResetWrittenCount();
                    var result = _codec.TryUnpack(_inbox.AsSpan(0, _filled), _payload, out var consumed);
                    if (result.Status == TransportReadStatus.NeedMoreData)
                        break;
                    _inbox.AsSpan(consumed, _filled - consumed).CopyTo(_inbox);
                    _filled -= consumed;
                    if (result.Status == TransportReadStatus.Frame && done(_payload.WrittenSpan[..result.PayloadLength].ToArray()))
                        return;
                }
                if (_filled == _inbox.Length)
                    Array.Resize(ref _inbox, _inbox.Length * 2);
                var n = await _stream.ReadAsync(_inbox.AsMemory(_filled), timeout.Token);
                if (n == 0)
                    throw new IOException("the server closed the connection");
                _filled += n;
            }
        }

        public ValueTask DisposeAsync()
        {
            _tcp.Dispose();
            _codec.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
