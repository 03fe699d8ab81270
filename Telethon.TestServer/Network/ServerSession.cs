using Telethon.Mtproto;
using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tl.Abcs;

namespace Telethon.TestServer.Network;

/// <summary>
/// One MTProto session (an auth key and a session_id) on one DC: it outlives connections (a client that reconnects
/// goes on where it was), takes the world's pushes, and sends through whichever connection the client
/// used last. Everything that touches the protocol state holds <see cref="Gate"/>.
/// </summary>
internal sealed class ServerSession : IUpdateSink, IDisposable
{
    private readonly DcContext _dc;
    private IDisposable? _subscription;
    private long? _contextSessionId;

    public ServerSession(DcContext dc, MtprotoServerSession protocol)
    {
        _dc = dc;
        Protocol = protocol;
    }

    public object Gate { get; } = new();

    public MtprotoServerSession Protocol { get; private set; }

    public ServerConnection? Connection { get; private set; }

    public CallContext? Context { get; private set; }

    public long MessagesReceived { get; set; }

    /// <summary>Makes <paramref name="connection"/> the one answers and pushes go to. Call under <see cref="Gate"/>.</summary>
    public void Attach(ServerConnection connection) => Connection = connection;

    /// <summary>Forgets <paramref name="connection"/> when it closes, so pushes wait for the next one.</summary>
    public void Detach(ServerConnection connection)
    {
        lock (Gate)
        {
            if (ReferenceEquals(Connection, connection))
                Connection = null;
        }
    }

    /// <summary>
    /// After a packet was processed: a new MTProto session id gets its own call context (layer,
    /// client info) and its own subscription to the world's pushes. Call under <see cref="Gate"/>.
    /// </summary>
    public void TrackSessionId()
    {
        if (Protocol.SessionId is not { } id || id == _contextSessionId)
            return;
        _contextSessionId = id;
        Context = new CallContext(_dc.DcId, Protocol.AuthKey.Id, id);
        _subscription?.Dispose();
        _subscription = _dc.World.Subscribe(new SessionKey(_dc.DcId, Protocol.AuthKey.Id, id), this);
    }

    /// <summary>A forced new session (fault injection): the next packet of the client is met with new_session_created.</summary>
    public void Restart(MtprotoServerSession fresh)
    {
        lock (Gate)
        {
            Protocol = fresh;
            _contextSessionId = null;
        }
    }

    /// <inheritdoc />
    public void Push(UpdatesBase updates)
    {
        lock (Gate)
        {
            Protocol.SendUpdate(updates);
            FlushLocked();
        }
    }

    /// <summary>Packs what the protocol has queued and hands it to the current connection.</summary>
    public void Flush()
    {
        lock (Gate)
            FlushLocked();
    }

    private void FlushLocked()
    {
        // Without a connection the answers and pushes stay queued until the client comes back.
        if (Connection is not { IsOpen: true } connection)
            return;
        while (Protocol.PackOutgoing() is { } packet)
            connection.Send(packet);
    }

    public void Dispose() => _subscription?.Dispose();
}
