using System.Buffers.Binary;
using Telethon.Mtproto;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tl;
using Telethon.Tl.Abcs;
using Telethon.Tl.Layers;
using F = Telethon.Tl.Functions;

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
    private int _servedLayer = TlRegistry.Layer;
    private bool _layerChosen;
    private long _contextKeyId;
    private bool _attached;

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

    /// <summary>How the session's layer is served; null while it is the compiled layer. Read under <see cref="Gate"/>.</summary>
    public LayerConverters? Layer { get; private set; }

    /// <summary>
    /// Reads a request: as decoded when it reads in the compiled layer (an id names one definition in every
    /// layer), else rewritten into the compiled layer from whichever known layer its objects come from. An
    /// invokeWithLayer at its head chooses the layer the session is served in. Null when no known layer reads it.
    /// </summary>
    public TlFunction? Decode(MtprotoIncomingRequest request)
    {
        if ((request.Function is { } read ? AnnouncedLayer(read) : AnnouncedLayer(request.Body)) is { } announced)
            ChooseLayer(announced);
        else if (!_layerChosen && _dc.AnnouncedLayers.TryGetValue(Protocol.AuthKey.Id, out var last))
            ChooseLayer(last);
        if (request.Function is { } function)
            return function;
        if (request.Body.Length < 4)
            return null;
        LayerConverters converters;
        lock (Gate)
            converters = Layer ?? _dc.Layers.ConvertersFor(TlRegistry.Layer);
        try
        {
            var bytes = converters.ToCurrent.Convert(request.Body);
            var reader = new TlReader(bytes);
            return TlRegistry.ReadFunction(ref reader);
        }
        catch (Exception e) when (e is TlDecodeException or TlLayerConversionException or InvalidCastException)
        {
            return null;
        }
    }

    private void ChooseLayer(int announced)
    {
        _dc.AnnouncedLayers[Protocol.AuthKey.Id] = announced;
        var served = _dc.Layers.Choose(announced);
        lock (Gate)
        {
            if (_layerChosen && served == _servedLayer)
                return;
            _layerChosen = true;
            _servedLayer = served;
            try
            {
                Layer = served == TlRegistry.Layer ? null : _dc.Layers.ConvertersFor(served);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                _dc.Log($"session of key {Protocol.AuthKey.Id:x16}: layer {served} cannot be read ({e.Message}); serving layer {TlRegistry.Layer}");
                _servedLayer = TlRegistry.Layer;
                Layer = null;
                return;
            }
        }
        _dc.Log($"session of key {Protocol.AuthKey.Id:x16}: announces layer {announced}, served in layer {served}"
            + (served == announced ? "" : " (the nearest known)"));
    }

    // The same, for a request read as a function.
    private static int? AnnouncedLayer(TlFunction request)
    {
        for (var depth = 0; depth < 4; depth++)
        {
            switch (request)
            {
                case F.InvokeWithLayer withLayer:
                    return withLayer.Layer;
                case F.InvokeAfterMsg after:
                    request = after.Query;
                    continue;
                case F.InvokeWithoutUpdates withoutUpdates:
                    request = withoutUpdates.Query;
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }

    // invokeWithLayer#da9b0d0d layer:int query:!X at the head of a request, or under invokeAfterMsg / invokeWithoutUpdates.
    private static int? AnnouncedLayer(ReadOnlySpan<byte> body)
    {
        for (var depth = 0; depth < 4 && body.Length >= 8; depth++)
        {
            switch (BinaryPrimitives.ReadUInt32LittleEndian(body))
            {
                case F.InvokeWithLayer.TlConstructorId:
                    return BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                case F.InvokeAfterMsg.TlConstructorId when body.Length >= 16:
                    body = body[12..];
                    continue;
                case F.InvokeWithoutUpdates.TlConstructorId:
                    body = body[4..];
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Makes <paramref name="connection"/> the one answers and pushes go to. A client back on a new connection is
    /// told what became of the session's messages (msgs_all_info, msg_detailed_info, msg_new_detailed_info), as
    /// Telegram may. Call under <see cref="Gate"/>.
    /// </summary>
    public void Attach(ServerConnection connection)
    {
        if (ReferenceEquals(Connection, connection))
            return;
        if (_attached)
            Protocol.AnnounceStatus();
        _attached = true;
        Connection = connection;
    }

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
    /// client info) and its own subscription to the world's pushes, and so does a session whose temporary
    /// key was bound to a permanent key since (it acts for that key). Call under <see cref="Gate"/>.
    /// </summary>
    public void TrackSessionId()
    {
        if (Protocol.SessionId is not { } id)
            return;
        var acting = _dc.Keys.ActingKeyId(_dc.DcId, Protocol.AuthKey.Id);
        if (id == _contextSessionId && acting == _contextKeyId)
            return;
        _contextSessionId = id;
        _contextKeyId = acting;
        Context = new CallContext(_dc.DcId, acting, id) { MessageKeyId = Protocol.AuthKey.Id };
        _subscription?.Dispose();
        _subscription = _dc.World.Subscribe(new SessionKey(_dc.DcId, acting, id), this);
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
            if (Layer is { } layer)
            {
                try
                {
                    Protocol.SendUpdate(layer.FromCurrent.Convert(updates.ToBytes()));
                }
                catch (TlLayerConversionException e)
                {
                    // Never bytes the client would misread: the push is left out (a gap the client fills with a difference).
                    _dc.Log($"session of key {Protocol.AuthKey.Id:x16}: a {updates.TlName} push cannot be written in layer {layer.Layer}: {e.Message}");
                    return;
                }
            }
            else
            {
                Protocol.SendUpdate(updates);
            }
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
        while (Protocol.TryPackOutgoing(out var packet, out var length))
            connection.SendRented(packet, length);
    }

    public void Dispose() => _subscription?.Dispose();
}
