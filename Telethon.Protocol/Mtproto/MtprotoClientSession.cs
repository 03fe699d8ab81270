using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Telethon.Crypto;
using Telethon.Tl;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto;

/// <summary>
/// The client side of an MTProto 2.0 session, sans-IO: it owns the auth key, session_id, server salt,
/// msg_id and seq_no state. Queue messages with <see cref="Enqueue(TlObject)"/>, take packets to send with
/// <see cref="PackOutgoing()"/>, and feed every received packet to <see cref="ProcessIncoming(ReadOnlySpan{byte})"/>,
/// which reports what happened as <see cref="MtprotoEvent"/>s. Salt, clock and seq_no corrections and the
/// resends they need are automatic. Not thread-safe: one owner (an actor) drives it.
/// </summary>
public sealed class MtprotoClientSession
{
    private const int MaxAcksPerMessage = 8192;
    private const int MaxTrackedContainers = 1024;
    private const int MaxTrackedQuickAcks = 1024;

    private readonly MtprotoSessionOptions _options;
    private readonly MessageIdGenerator _ids;
    private readonly SequenceNumberGenerator _seq = new();
    private readonly LinkedList<MtprotoRequest> _queue = new();
    private readonly Dictionary<long, MtprotoRequest> _sent = [];
    private readonly Dictionary<long, long[]> _containers = [];
    private readonly Dictionary<uint, long[]> _quickAcks = [];
    private readonly Queue<uint> _quickAckOrder = new();
    private readonly List<long> _pendingAcks = [];
    private readonly ReplayWindow _seen;
    private readonly List<InnerMessage> _inner = [];
    private readonly List<OutgoingMessage> _batch = [];
    private readonly List<MtprotoRequest?> _batchOwners = [];
    private readonly Func<OutgoingMessage, long> _nextMsgId;
    private readonly Func<bool, long> _nextContainerId;
    private FutureSalt[] _futureSalts = [];

    /// <summary>Creates a session over an auth key.</summary>
    /// <param name="authKey">The auth key of the connection.</param>
    /// <param name="serverSalt">The salt to start with (from the handshake, or 0; the server corrects it).</param>
    /// <param name="sessionId">The session_id to use; a random one when null.</param>
    /// <param name="options">Clock, randomness and limits; defaults when null.</param>
    public MtprotoClientSession(AuthKey authKey, long serverSalt = 0, long? sessionId = null, MtprotoSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        AuthKey = authKey;
        _options = options ?? new MtprotoSessionOptions();
        _ids = new MessageIdGenerator(_options.Time);
        _seen = new ReplayWindow(_options.ReplayWindowSize);
        ServerSalt = serverSalt;
        SessionId = sessionId ?? NewSessionId();
        _nextMsgId = _ => _ids.NextClientId();
        _nextContainerId = _ => _ids.NextClientId();
    }

    /// <summary>The auth key.</summary>
    public AuthKey AuthKey { get; }

    /// <summary>The current session_id.</summary>
    public long SessionId { get; private set; }

    /// <summary>The salt put in outgoing messages.</summary>
    public long ServerSalt { get; set; }

    /// <summary>The msg_id generator (its <see cref="MessageIdGenerator.ClockOffset"/> is the learned server clock offset).</summary>
    public MessageIdGenerator MessageIds => _ids;

    /// <summary>True once a server message fixed the clock offset; until then incoming msg_ids are not held to the time window.</summary>
    public bool IsClockSynchronized { get; private set; }

    /// <summary>Salts the server announced with future_salts, used in turn as they become valid.</summary>
    public IReadOnlyList<FutureSalt> FutureSalts => _futureSalts;

    /// <summary>Messages waiting for <see cref="PackOutgoing()"/>.</summary>
    public int QueuedCount => _queue.Count;

    /// <summary>Sent messages still tracked (awaiting an answer or an acknowledgement).</summary>
    public int InFlightCount => _sent.Count;

    /// <summary>Server msg_ids to acknowledge in the next packet.</summary>
    public int PendingAckCount => _pendingAcks.Count;

    /// <summary>True when <see cref="PackOutgoing()"/> has something to send (queued messages or acknowledgements).</summary>
    public bool HasOutgoing => _queue.Count > 0 || _pendingAcks.Count > 0;

    /// <summary>
    /// Queues a TL object: a function (awaits its result), or a service message such as msgs_state_req
    /// or msg_resend_req. Bodies of at least <see cref="MtprotoSessionOptions.CompressionThreshold"/> bytes are compressed when that helps.
    /// </summary>
    /// <exception cref="ArgumentException">The serialized body exceeds <see cref="MtprotoSessionOptions.MaxBodySize"/>.</exception>
    public MtprotoRequest Enqueue(TlObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var contentRelated = message is not Tl.Mtproto.Types.MsgsAck and not MsgContainer;
        var expectsAnswer = message is TlFunction or Tl.Mtproto.Types.MsgsStateReq;
        return Add(message, message.ToBytes(), contentRelated, expectsAnswer);
    }

    /// <summary>
    /// Queues a message whose body names its own msg_id (auth.bindTempAuthKey repeats it inside its encrypted_message):
    /// the msg_id is drawn now and given to <paramref name="build"/>, and the first packet that carries the message uses it.
    /// When the server has it sent again (bad_server_salt, bad_msg_notification) it gets a new msg_id like any message,
    /// so its body no longer matches: the owner cancels it and builds it anew.
    /// </summary>
    /// <exception cref="ArgumentException">The serialized body exceeds <see cref="MtprotoSessionOptions.MaxBodySize"/>.</exception>
    public MtprotoRequest Enqueue(Func<long, TlObject> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var msgId = _ids.NextClientId();
        var request = Enqueue(build(msgId));
        request.ReservedMsgId = msgId;
        return request;
    }

    /// <summary>Queues a raw boxed body.</summary>
    /// <param name="body">The boxed TL body (a multiple of 4 bytes).</param>
    /// <param name="contentRelated">Whether it is content-related (everything but acks and containers).</param>
    /// <param name="expectsAnswer">Whether an rpc_result (or bare answer) is awaited.</param>
    /// <exception cref="ArgumentException">The body is empty, not a multiple of 4 bytes, or too large.</exception>
    public MtprotoRequest Enqueue(ReadOnlySpan<byte> body, bool contentRelated = true, bool expectsAnswer = true)
    {
        if (body.Length < 4 || body.Length % 4 != 0)
            throw new ArgumentException($"A message body must be a non-empty multiple of 4 bytes, not {body.Length}.", nameof(body));
        return Add(null, body.ToArray(), contentRelated, expectsAnswer);
    }

    /// <summary>
    /// Forgets a request. A queued one is dropped; a sent one stops being tracked and an rpc_drop_answer for
    /// it is queued (returned, so its answer can be recognised). Returns null when nothing was sent for it.
    /// </summary>
    public MtprotoRequest? Cancel(MtprotoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsCompleted)
            return null;
        request.IsCompleted = true;
        if (_queue.Remove(request))
            return null;
        if (!_sent.Remove(request.MsgId))
            return null;
        return Enqueue(new RpcDropAnswer { ReqMsgId = request.MsgId });
    }

    /// <summary>
    /// Starts a new session (a new random session_id, seq_no from zero): every request still awaiting an
    /// answer is queued again, pending acknowledgements are dropped. The clock offset is kept.
    /// </summary>
    public void ResetSession()
    {
        SessionId = NewSessionId();
        _seq.Reset();
        _seen.Clear();
        _pendingAcks.Clear();
        _containers.Clear();
        _quickAcks.Clear();
        _quickAckOrder.Clear();
        var resend = _sent.Values.Where(r => r.ExpectsAnswer).OrderBy(r => r.MsgId).ToList();
        _sent.Clear();
        Requeue(resend);
    }

    /// <summary>
    /// Builds the next packet: pending acknowledgements (msgs_ack) and queued messages, several of them in one
    /// msg_container (at most <see cref="MtprotoSessionOptions.MaxContainerMessages"/> messages and
    /// <see cref="MtprotoSessionOptions.MaxContainerBytes"/> bytes); whatever does not fit waits for the next call.
    /// </summary>
    /// <returns>The encrypted packet for the transport, or null when there is nothing to send.</returns>
    public byte[]? PackOutgoing() => Pack(false, rent: false, out _, out _);

    /// <summary>
    /// As <see cref="PackOutgoing()"/>, into an array rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>: the
    /// packet is its first <paramref name="length"/> bytes. Give the array back once the packet is written (a file part
    /// is half a megabyte, and a fresh array for each costs more than encrypting it); false when there is nothing to send.
    /// </summary>
    public bool TryPackOutgoing([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? rented, out int length)
    {
        rented = Pack(false, rent: true, out length, out _);
        return rented is not null;
    }

    /// <summary>
    /// As <see cref="PackOutgoing()"/>, for a packet the transport sends with the quick-ack flag: the session remembers
    /// which messages the packet carried, so that <see cref="ProcessQuickAck(uint, ICollection{MtprotoEvent})"/> can
    /// tell them when the server echoes the token.
    /// </summary>
    /// <param name="quickAckToken">The token the server answers with once it accepted the packet (top bit set); 0 when there is no packet.</param>
    public byte[]? PackOutgoing(out uint quickAckToken) => Pack(true, rent: false, out _, out quickAckToken);

    /// <summary>
    /// Handles a quick ack the transport received: the server decrypted and accepted the packet with that token. Its
    /// messages still tracked count as acknowledged (the server's msgs_ack and answers follow as usual); a token of
    /// no packet sent with <see cref="PackOutgoing(out uint)"/> (or long forgotten) is reported with no requests.
    /// </summary>
    /// <param name="token">The token as the transport read it (top bit set).</param>
    /// <param name="events">Receives one <see cref="QuickAckEvent"/>.</param>
    public void ProcessQuickAck(uint token, ICollection<MtprotoEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var requests = new List<MtprotoRequest>();
        if (_quickAcks.Remove(token, out var msgIds))
        {
            foreach (var id in msgIds)
            {
                if (!_sent.TryGetValue(id, out var request))
                    continue;
                request.IsAcknowledged = true;
                requests.Add(request);
                if (!request.ExpectsAnswer)
                {
                    _sent.Remove(id);
                    request.IsCompleted = true;
                }
            }
        }
        events.Add(new QuickAckEvent(token, requests));
    }

    /// <summary>As <see cref="ProcessQuickAck(uint, ICollection{MtprotoEvent})"/>, returning the event.</summary>
    public QuickAckEvent ProcessQuickAck(uint token)
    {
        var events = new List<MtprotoEvent>(1);
        ProcessQuickAck(token, events);
        return (QuickAckEvent)events[0];
    }

    private byte[]? Pack(bool quickAck, bool rent, out int length, out uint quickAckToken)
    {
        quickAckToken = 0;
        length = 0;
        if (!HasOutgoing)
            return null;
        SelectSalt();
        _batch.Clear();
        _batchOwners.Clear();
        var ackCount = 0;
        var size = EncryptedMessage.ContainerHeaderSize;
        if (_pendingAcks.Count > 0)
        {
            ackCount = Math.Min(_pendingAcks.Count, MaxAcksPerMessage);
            var ack = BuildAck(CollectionsMarshal.AsSpan(_pendingAcks)[..ackCount]);
            _batch.Add(new OutgoingMessage(ack, false, false));
            _batchOwners.Add(null);
            size += EncryptedMessage.InnerMessageHeaderSize + ack.Length;
        }
        var requests = 0;
        while (_queue.First is { } node && _batch.Count < _options.MaxContainerMessages)
        {
            var add = EncryptedMessage.InnerMessageHeaderSize + node.Value.Body.Length;
            if (size + add > _options.MaxContainerBytes)
            {
                if (requests == 0)
                {
                    // The first message is too large to share a packet: it goes alone, the acks wait.
                    _batch.Clear();
                    _batchOwners.Clear();
                    ackCount = 0;
                    _batch.Add(Outgoing(node.Value));
                    _batchOwners.Add(node.Value);
                    _queue.RemoveFirst();
                }
                break;
            }
            _batch.Add(Outgoing(node.Value));
            _batchOwners.Add(node.Value);
            _queue.RemoveFirst();
            size += add;
            requests++;
        }

        var packet = EncryptedMessage.Seal(
            AuthKey, MessageDirection.ClientToServer, _options.Random, ServerSalt, SessionId,
            CollectionsMarshal.AsSpan(_batch), _nextMsgId, _nextContainerId, _seq, rent, out length, out var outerMsgId, out _, out var token);

        _pendingAcks.RemoveRange(0, ackCount);
        // A lone message under a msg_id drawn before (reserved) travels in a container too.
        var container = _batch.Count > 1 || outerMsgId != _batch[0].MsgId ? new List<long>(_batch.Count) : null;
        for (var i = 0; i < _batch.Count; i++)
        {
            if (_batchOwners[i] is not { } request)
                continue;
            request.MsgId = _batch[i].MsgId;
            request.SeqNo = _batch[i].SeqNo;
            request.ContainerMsgId = container is null ? 0 : outerMsgId;
            request.SendCount++;
            request.IsAcknowledged = false;
            if (request.ContentRelated || request.ExpectsAnswer)
            {
                _sent[request.MsgId] = request;
                container?.Add(request.MsgId);
            }
            else
            {
                request.IsCompleted = true;
            }
        }
        if (container is { Count: > 0 })
        {
            if (_containers.Count >= MaxTrackedContainers)
                PruneContainers();
            _containers[outerMsgId] = [.. container];
        }
        if (quickAck)
        {
            quickAckToken = token;
            RememberQuickAck(token);
        }
        _batch.Clear();
        _batchOwners.Clear();
        return packet;
    }

    /// <summary>Decrypts, checks and handles one packet from the server.</summary>
    /// <exception cref="MtprotoException">The packet was refused; the session state is unchanged.</exception>
    public IReadOnlyList<MtprotoEvent> ProcessIncoming(ReadOnlySpan<byte> packet)
    {
        var events = new List<MtprotoEvent>();
        ProcessIncoming(packet, events);
        return events;
    }

    /// <summary>Decrypts, checks and handles one packet from the server, adding what happened to <paramref name="events"/>.</summary>
    /// <exception cref="MtprotoException">The packet was refused; the session state is unchanged.</exception>
    public void ProcessIncoming(ReadOnlySpan<byte> packet, ICollection<MtprotoEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var opened = EncryptedMessage.Open(AuthKey, packet, MessageDirection.ServerToClient, _options.MaxIncomingSize);
        try
        {
            if (opened.SessionId != SessionId)
                throw new MtprotoException(MtprotoErrorReason.WrongSessionId, $"The message is for session {opened.SessionId:x16}, not {SessionId:x16}.");
            var msgId = opened.MsgId;
            if ((msgId & 1) == 0)
                throw new MtprotoException(MtprotoErrorReason.WrongMsgIdParity, $"The server msg_id {msgId} is even.");
            var window = CheckTimeWindow(msgId);
            if (IsClockSynchronized && window is { } reason)
                throw new MtprotoException(reason, $"The server msg_id {msgId} ({MessageIdGenerator.ToTime(msgId):O}) is outside the accepted time window.");
            if (_seen.Contains(msgId) || _seen.IsTooOld(msgId))
                throw new MtprotoException(MtprotoErrorReason.DuplicateMsgId, $"The server msg_id {msgId} was already received or is older than the replay window.");
            var body = opened.Body;
            _inner.Clear();
            var isContainer = EncryptedMessage.IsContainer(body);
            if (isContainer)
                EncryptedMessage.ReadContainer(body, _inner);

            // Every check passed: from here on the packet changes the session.
            _seen.Add(msgId);
            if (!IsClockSynchronized)
            {
                if (window is not null)
                    _ids.SynchronizeWith(msgId);
                IsClockSynchronized = true;
            }
            if (!isContainer)
            {
                Handle(msgId, opened.SeqNo, body, events);
                return;
            }
            foreach (var inner in _inner.ToArray())
            {
                if (!_seen.Add(inner.MsgId) || (inner.MsgId & 1) == 0)
                    continue;
                Handle(inner.MsgId, inner.SeqNo, body.Slice(inner.Offset, inner.Length), events);
            }
        }
        finally
        {
            opened.Dispose();
        }
    }

    private MtprotoRequest Add(TlObject? obj, byte[] body, bool contentRelated, bool expectsAnswer)
    {
        var final = contentRelated ? Gzip.PackIfSmaller(body, _options.CompressionThreshold) : body;
        if (final.Length > _options.MaxBodySize)
            throw new ArgumentException($"The message body of {final.Length} bytes exceeds the limit of {_options.MaxBodySize}.");
        var request = new MtprotoRequest(obj, final, contentRelated, expectsAnswer);
        _queue.AddLast(request);
        return request;
    }

    // A message sent for the first time under a msg_id drawn when it was queued keeps it (and is numbered now).
    private OutgoingMessage Outgoing(MtprotoRequest request)
    {
        var message = new OutgoingMessage(request.Body, request.ContentRelated, false);
        if (request.ReservedMsgId != 0 && request.SendCount == 0)
        {
            message.MsgId = request.ReservedMsgId;
            message.SeqNo = _seq.Next(request.ContentRelated);
        }
        return message;
    }

    private MtprotoErrorReason? CheckTimeWindow(long msgId)
    {
        var seconds = msgId >> 32;
        var now = _ids.Now.ToUnixTimeSeconds();
        if (now - seconds > (long)_options.MaxMsgIdAge.TotalSeconds)
            return MtprotoErrorReason.MsgIdTooOld;
        if (seconds - now > (long)_options.MaxMsgIdLead.TotalSeconds)
            return MtprotoErrorReason.MsgIdTooNew;
        return null;
    }

    private void Handle(long msgId, int seqNo, ReadOnlySpan<byte> body, ICollection<MtprotoEvent> events)
    {
        if ((seqNo & 1) != 0)
            _pendingAcks.Add(msgId);
        byte[]? rented = null;
        try
        {
            if (Gzip.IsPacked(body))
            {
                try
                {
                    (rented, var length) = Gzip.Unpack(body);
                    body = rented.AsSpan(0, length);
                }
                catch (TlDecodeException e)
                {
                    events.Add(new UndecodableMessageEvent(msgId, body.ToArray(), e));
                    return;
                }
            }
            if (body.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(body) == RpcResult.TlConstructorId)
            {
                HandleRpcResult(msgId, body, events);
                return;
            }
            TlObject message;
            try
            {
                if (EncryptedMessage.IsContainer(body))
                    throw new TlDecodeException("a msg_container inside another message", 0, EncryptedMessage.ContainerId);
                var reader = new TlReader(body);
                message = TlRegistry.ReadObject(ref reader);
            }
            catch (TlDecodeException e)
            {
                events.Add(new UndecodableMessageEvent(msgId, body.ToArray(), e));
                return;
            }
            HandleObject(msgId, message, body, events);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void HandleRpcResult(long msgId, ReadOnlySpan<byte> body, ICollection<MtprotoEvent> events)
    {
        if (body.Length < 16)
        {
            events.Add(new UndecodableMessageEvent(msgId, body.ToArray(), new TlDecodeException("rpc_result is truncated", body.Length, RpcResult.TlConstructorId)));
            return;
        }
        var reqMsgId = BinaryPrimitives.ReadInt64LittleEndian(body[4..]);
        var result = body[12..];
        _sent.Remove(reqMsgId, out var request);
        if (request is not null)
            request.IsCompleted = true;
        byte[]? rented = null;
        try
        {
            if (Gzip.IsPacked(result))
            {
                try
                {
                    (rented, var length) = Gzip.Unpack(result);
                    result = rented.AsSpan(0, length);
                }
                catch (TlDecodeException e)
                {
                    events.Add(new RpcResultEvent(request, reqMsgId, result.ToArray(), null, e));
                    return;
                }
            }
            if (result.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(result) == Tl.Mtproto.Types.RpcError.TlConstructorId)
            {
                try
                {
                    var reader = new TlReader(result[4..]);
                    var error = Tl.Mtproto.Types.RpcError.ReadBare(ref reader);
                    events.Add(new RpcErrorEvent(request, reqMsgId, error.ErrorCode, error.ErrorMessage));
                }
                catch (TlDecodeException e)
                {
                    events.Add(new RpcResultEvent(request, reqMsgId, result.ToArray(), null, e));
                }
                return;
            }
            object? value = null;
            TlDecodeException? decodeError = null;
            if (request?.Function is { } function)
            {
                try
                {
                    var reader = new TlReader(result);
                    value = function.ReadResultObject(ref reader);
                }
                catch (TlDecodeException e)
                {
                    decodeError = e;
                }
            }
            // The bytes are copied only when nobody read them: a file chunk is read once, into its own array.
            events.Add(new RpcResultEvent(request, reqMsgId, value is null ? result.ToArray() : [], value, decodeError));
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void HandleObject(long msgId, TlObject message, ReadOnlySpan<byte> body, ICollection<MtprotoEvent> events)
    {
        switch (message)
        {
            case NewSessionCreated created:
            {
                ServerSalt = created.ServerSalt;
                var resend = _sent.Values
                    .Where(r => r.MsgId < created.FirstMsgId && !r.IsAcknowledged && (r.ContentRelated || r.ExpectsAnswer))
                    .OrderBy(r => r.MsgId).ToList();
                foreach (var r in resend)
                    _sent.Remove(r.MsgId);
                Requeue(resend);
                events.Add(new NewSessionCreatedEvent(created.FirstMsgId, created.UniqueId, created.ServerSalt, resend));
                break;
            }
            case BadServerSalt badSalt:
            {
                ServerSalt = badSalt.NewServerSalt;
                _futureSalts = [];
                var affected = TakeAffected(badSalt.BadMsgId);
                Requeue(affected);
                events.Add(new BadMessageEvent(badSalt.BadMsgId, badSalt.ErrorCode, badSalt.NewServerSalt, affected, true));
                break;
            }
            case BadMsgNotification bad:
                HandleBadMsg(msgId, bad, events);
                break;
            case Tl.Mtproto.Types.MsgsAck ack:
            {
                var acked = new List<MtprotoRequest>();
                foreach (var id in ack.MsgIds)
                {
                    if (!_sent.TryGetValue(id, out var request))
                        continue;
                    request.IsAcknowledged = true;
                    acked.Add(request);
                    if (!request.ExpectsAnswer)
                    {
                        _sent.Remove(id);
                        request.IsCompleted = true;
                    }
                }
                events.Add(new MessagesAcknowledgedEvent(ack.MsgIds, acked));
                break;
            }
            case Pong pong:
                Answer(pong.MsgId, msgId, message, body, events);
                break;
            case Tl.Mtproto.Types.FutureSalts salts:
                _futureSalts = [.. salts.Salts.OrderBy(s => s.ValidSince)];
                Answer(salts.ReqMsgId, msgId, message, body, events);
                break;
            case MsgsStateInfo info:
                Answer(info.ReqMsgId, msgId, message, body, events);
                break;
            case DestroySessionOk or DestroySessionNone:
            {
                var destroyed = message is DestroySessionOk ok ? ok.SessionId : ((DestroySessionNone)message).SessionId;
                var request = _sent.Values.FirstOrDefault(r => r.Object is DestroySession d && d.SessionId == destroyed);
                Answer(request?.MsgId ?? 0, msgId, message, body, events);
                break;
            }
            case Tl.Mtproto.Abcs.DestroyAuthKeyRes:
            {
                // destroy_auth_key_ok, _none or _fail come bare: they answer the pending destroy_auth_key.
                var request = _sent.Values.FirstOrDefault(r => r.Object is DestroyAuthKey);
                Answer(request?.MsgId ?? 0, msgId, message, body, events);
                break;
            }
            case MsgDetailedInfo detailed:
                if (_sent.TryGetValue(detailed.MsgId, out var waiting) && waiting.ExpectsAnswer)
                    Enqueue(new MsgResendReq { MsgIds = [detailed.AnswerMsgId] });
                else
                    _pendingAcks.Add(detailed.AnswerMsgId);
                events.Add(new ServiceMessageEvent(msgId, message));
                break;
            case MsgNewDetailedInfo newDetailed:
                if (!_seen.Contains(newDetailed.AnswerMsgId) && _options.RequestMissedAnswers)
                    Enqueue(new MsgResendReq { MsgIds = [newDetailed.AnswerMsgId] });
                else
                    _pendingAcks.Add(newDetailed.AnswerMsgId);
                events.Add(new ServiceMessageEvent(msgId, message));
                break;
            default:
                if (TlRegistry.Find(message.ConstructorId)?.IsService == true)
                    events.Add(new ServiceMessageEvent(msgId, message));
                else
                    events.Add(new UpdateEvent(msgId, message));
                break;
        }
    }

    private void Answer(long reqMsgId, long msgId, TlObject message, ReadOnlySpan<byte> body, ICollection<MtprotoEvent> events)
    {
        if (reqMsgId != 0 && _sent.Remove(reqMsgId, out var request))
        {
            request.IsCompleted = true;
            events.Add(new RpcResultEvent(request, reqMsgId, [], message, null));
        }
        else
        {
            events.Add(new ServiceMessageEvent(msgId, message));
        }
    }

    private void HandleBadMsg(long msgId, BadMsgNotification bad, ICollection<MtprotoEvent> events)
    {
        var affected = TakeAffected(bad.BadMsgId);
        var resend = true;
        switch (bad.ErrorCode)
        {
            case 16:
            case 17:
                _ids.SynchronizeWith(msgId);
                IsClockSynchronized = true;
                break;
            case 19:
            case 20:
            case 48:
                break;
            case 32:
                // seq_no too low: jump ahead so that the resent message outranks whatever the server saw.
                _seq.ContentCount += 32;
                break;
            case 33:
                // seq_no too high for its msg_id: the resend gets a new, highest msg_id, which fixes the order.
                break;
            default:
                resend = false;
                break;
        }
        if (resend)
        {
            Requeue(affected);
        }
        else
        {
            foreach (var request in affected)
                request.IsCompleted = true;
        }
        events.Add(new BadMessageEvent(bad.BadMsgId, bad.ErrorCode, null, affected, resend));
    }

    private List<MtprotoRequest> TakeAffected(long badMsgId)
    {
        var affected = new List<MtprotoRequest>();
        if (_containers.Remove(badMsgId, out var inner))
        {
            foreach (var id in inner)
                if (_sent.Remove(id, out var request))
                    affected.Add(request);
        }
        else if (_sent.Remove(badMsgId, out var request))
        {
            affected.Add(request);
        }
        return affected;
    }

    private void Requeue(List<MtprotoRequest> requests)
    {
        for (var i = requests.Count - 1; i >= 0; i--)
        {
            requests[i].IsAcknowledged = false;
            requests[i].IsCompleted = false;
            _queue.AddFirst(requests[i]);
        }
    }

    // The tracked messages of a packet sent with the quick-ack flag, by token; the oldest tokens are forgotten first.
    private void RememberQuickAck(uint token)
    {
        var ids = new List<long>(_batchOwners.Count);
        for (var i = 0; i < _batchOwners.Count; i++)
        {
            if (_batchOwners[i] is { } request && _sent.ContainsKey(request.MsgId))
                ids.Add(request.MsgId);
        }
        if (_quickAcks.TryAdd(token, [.. ids]))
            _quickAckOrder.Enqueue(token);
        while (_quickAckOrder.Count > MaxTrackedQuickAcks)
            _quickAcks.Remove(_quickAckOrder.Dequeue());
    }

    private void PruneContainers()
    {
        foreach (var (id, inner) in _containers.ToArray())
            if (!inner.Any(_sent.ContainsKey))
                _containers.Remove(id);
        if (_containers.Count >= MaxTrackedContainers)
            _containers.Remove(_containers.Keys.Min());
    }

    private void SelectSalt()
    {
        if (_futureSalts.Length == 0)
            return;
        var now = _ids.Now.ToUnixTimeSeconds();
        FutureSalt? best = null;
        foreach (var salt in _futureSalts)
        {
            if (salt.ValidSince > now || salt.ValidUntil <= now)
                continue;
            if (salt.Salt == ServerSalt)
                return;
            if (best is null || salt.ValidSince > best.ValidSince)
                best = salt;
        }
        if (best is not null)
            ServerSalt = best.Salt;
        _futureSalts = [.. _futureSalts.Where(s => s.ValidUntil > now)];
    }

    private static byte[] BuildAck(ReadOnlySpan<long> ids)
    {
        var writer = new TlWriter(12 + ids.Length * 8);
        try
        {
            writer.WriteUInt32(Tl.Mtproto.Types.MsgsAck.TlConstructorId);
            writer.WriteVectorHeader(ids.Length, bare: false);
            foreach (var id in ids)
                writer.WriteInt64(id);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private long NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        long id;
        do
        {
            _options.Random.Fill(bytes);
            id = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }
        while (id == 0);
        return id;
    }
}
