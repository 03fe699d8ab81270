using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Telethon.Crypto;
using Telethon.Tl;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto;

/// <summary>
/// The server side of an MTProto 2.0 session over one auth key, sans-IO. It decrypts client packets,
/// refuses bad ones with bad_msg_notification / bad_server_salt, announces new sessions, acknowledges
/// content-related messages and answers the service requests itself (ping, ping_delay_disconnect,
/// get_future_salts, msgs_state_req, msg_resend_req, msg_resend_ans_req, destroy_session, rpc_drop_answer,
/// destroy_auth_key) and takes the client's informational ones (msgs_all_info, msgs_state_info, msg_detailed_info,
/// msg_new_detailed_info). A message received again with its msg_id (a client resending it) is not run twice: a
/// request whose answer is still held is answered with msg_detailed_info, any other is only acknowledged again.
/// Everything else goes to the application, which answers with <see cref="SendResult(long, TlObject)"/> or <see cref="SendError"/>.
/// Salts come from a <see cref="ServerSaltSchedule"/>, which the sessions of one auth key share (as on Telegram, a
/// salt belongs to the key); they rotate with the clock, and a replaced salt stays accepted for
/// <see cref="MtprotoSessionOptions.SaltGracePeriod"/>. Not thread-safe (the shared schedule is).
/// </summary>
public sealed class MtprotoServerSession
{
    private const int MaxAcksPerMessage = 8192;
    private const int MaxStoredMessages = 1024;

    // Bodies from this size on would be large-object arrays: they are rented, and given back when forgotten.
    private const int PooledBodySize = 84 * 1024;
    private const int MaxSeqRecords = 512;
    private const int MaxAnswers = 4096;

    private readonly MtprotoSessionOptions _options;
    private readonly MessageIdGenerator _ids;
    private readonly SequenceNumberGenerator _seq = new();
    private readonly ReplayWindow _seen;
    private readonly SortedList<long, int> _seqRecords = [];
    private readonly List<long> _pendingAcks = [];
    private readonly List<OutgoingMessage> _queue = [];
    private readonly Dictionary<long, StoredMessage> _stored = [];
    private readonly Dictionary<long, long> _answers = [];
    private readonly Queue<long> _answerOrder = new();
    private readonly Queue<long> _storedOrder = new();
    private readonly HashSet<long> _running = [];
    private readonly HashSet<long> _dropped = [];
    private readonly HashSet<long> _previousSessions = [];
    private readonly List<InnerMessage> _inner = [];
    private readonly Func<OutgoingMessage, long> _nextMsgId;
    private readonly Func<bool, long> _nextContainerId;
    private readonly ServerSaltSchedule _salts;
    private bool _announceSession;

    /// <summary>Creates the server side of a session over an auth key.</summary>
    /// <param name="authKey">The auth key the client uses.</param>
    /// <param name="options">Clock, randomness, limits and salt timing; defaults when null.</param>
    /// <param name="salts">
    /// The salts of the auth key, shared by all its sessions (start it with the salt of the auth-key exchange);
    /// when null the session has a schedule of its own that starts with a random salt.
    /// </param>
    public MtprotoServerSession(AuthKey authKey, MtprotoSessionOptions? options = null, ServerSaltSchedule? salts = null)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        AuthKey = authKey;
        _options = options ?? new MtprotoSessionOptions();
        _ids = new MessageIdGenerator(_options.Time);
        _seen = new ReplayWindow(_options.ReplayWindowSize);
        _salts = salts ?? new ServerSaltSchedule(_options);
        _nextMsgId = m => _ids.NextServerId(m.IsResponse);
        _nextContainerId = anyResponse => _ids.NextServerId(anyResponse);
    }

    /// <summary>The auth key.</summary>
    public AuthKey AuthKey { get; }

    /// <summary>The client's session_id, once its first message arrived.</summary>
    public long? SessionId { get; private set; }

    /// <summary>The salt valid now (what bad_server_salt and new_session_created announce).</summary>
    public long ServerSalt => _salts.Current;

    /// <summary>The salts of the auth key, shared with its other sessions.</summary>
    public ServerSaltSchedule Salts => _salts;

    /// <summary>How many client messages were refused with bad_server_salt so far.</summary>
    public long BadServerSaltCount { get; private set; }

    /// <summary>
    /// Decides a destroy_auth_key of the client: destroy_auth_key_ok once the key is forgotten (the server then answers
    /// its auth_key_id with transport error -404), destroy_auth_key_none when there was no such key any more,
    /// destroy_auth_key_fail when it cannot be destroyed. When null the session answers destroy_auth_key_ok. After an
    /// ok the session answers destroy_auth_key_none itself and refuses further packets.
    /// </summary>
    public Func<AuthKey, Tl.Mtproto.Abcs.DestroyAuthKeyRes>? DestroyAuthKeyHandler { get; set; }

    /// <summary>True once this session answered destroy_auth_key_ok.</summary>
    public bool IsAuthKeyDestroyed { get; private set; }

    /// <summary>The msg_id generator of the server's messages.</summary>
    public MessageIdGenerator MessageIds => _ids;

    /// <summary>When a ping_delay_disconnect asked the server to close the connection, if no other ping comes first.</summary>
    public DateTimeOffset? DisconnectDeadline { get; private set; }

    /// <summary>Client msg_ids to acknowledge in the next packet.</summary>
    public int PendingAckCount => _pendingAcks.Count;

    /// <summary>True when <see cref="PackOutgoing"/> has something to send.</summary>
    public bool HasOutgoing => _queue.Count > 0 || _pendingAcks.Count > 0;

    private DateTimeOffset Now => _options.Time.GetUtcNow();

    /// <summary>
    /// Replaces the salt of the auth key (for all its sessions) with a new random one valid from now; the old one is
    /// still accepted for <paramref name="keepPreviousFor"/> (<see cref="MtprotoSessionOptions.SaltGracePeriod"/> when null).
    /// Announced future salts are dropped.
    /// </summary>
    public long RotateSalt(TimeSpan? keepPreviousFor = null) => _salts.Rotate(keepPreviousFor);

    /// <summary>
    /// The session_id a client packet belongs to, so that a server holding several sessions of one auth
    /// key can pick the right one before <see cref="ProcessIncoming(ReadOnlySpan{byte})"/> (which decrypts the packet again).
    /// </summary>
    /// <exception cref="MtprotoException">The packet is truncated, too large, malformed, names another key or fails the msg_key check.</exception>
    public static long PeekSessionId(AuthKey authKey, ReadOnlySpan<byte> packet, int maxSize = 1 << 24)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        var opened = EncryptedMessage.Open(authKey, packet, MessageDirection.ClientToServer, maxSize);
        try
        {
            return opened.SessionId;
        }
        finally
        {
            opened.Dispose();
        }
    }

    /// <summary>
    /// Decrypts and checks one client packet, queues the service answers, and returns the messages for the application.
    /// </summary>
    /// <exception cref="MtprotoException">The packet is truncated, too large, malformed, names another key or fails the msg_key check; nothing changed.</exception>
    public IReadOnlyList<MtprotoIncomingRequest> ProcessIncoming(ReadOnlySpan<byte> packet) => ProcessIncoming(packet, out _);

    /// <summary>
    /// As <see cref="ProcessIncoming(ReadOnlySpan{byte})"/>, also giving the packet's quick-ack token: once a packet is
    /// decrypted and accepted for processing, a client that asked for a quick ack (a transport flag) gets this token back.
    /// </summary>
    /// <param name="packet">The encrypted packet.</param>
    /// <param name="quickAckToken">
    /// The token (the first 32 bits of the SHA256 behind msg_key, top bit set), or 0 when the packet was refused
    /// (bad_server_salt, bad_msg_notification) and so not accepted for processing.
    /// </param>
    /// <exception cref="MtprotoException">The packet is truncated, too large, malformed, names another key or fails the msg_key check; nothing changed.</exception>
    public IReadOnlyList<MtprotoIncomingRequest> ProcessIncoming(ReadOnlySpan<byte> packet, out uint quickAckToken)
    {
        quickAckToken = 0;
        if (IsAuthKeyDestroyed)
            throw new MtprotoException(MtprotoErrorReason.WrongAuthKeyId, $"The auth key {AuthKey.Id:x16} was destroyed.");
        var opened = EncryptedMessage.Open(AuthKey, packet, MessageDirection.ClientToServer, _options.MaxIncomingSize);
        try
        {
            var body = opened.Body;
            _inner.Clear();
            var isContainer = EncryptedMessage.IsContainer(body);
            if (isContainer)
                EncryptedMessage.ReadContainer(body, _inner);

            if (SessionId != opened.SessionId)
                StartSession(opened.SessionId);

            var requests = new List<MtprotoIncomingRequest>();
            var msgId = opened.MsgId;
            var repeated = false;
            if (CheckMsgId(msgId) is { } code)
            {
                // 19 is for a container; a message received again is the client resending it.
                if (code != 19 || isContainer)
                {
                    QueueBadMsg(msgId, opened.SeqNo, code);
                    return requests;
                }
                repeated = true;
            }
            if (!_salts.Accepts(opened.Salt))
            {
                BadServerSaltCount++;
                QueueResponse(new BadServerSalt { BadMsgId = msgId, BadMsgSeqno = opened.SeqNo, ErrorCode = 48, NewServerSalt = ServerSalt }, false);
                return requests;
            }
            if (isContainer && (opened.SeqNo & 1) != 0)
            {
                QueueBadMsg(msgId, opened.SeqNo, 34);
                return requests;
            }
            quickAckToken = opened.QuickAckToken;
            if (repeated)
            {
                Repeat(msgId, opened.SeqNo);
                return requests;
            }
            _seen.Add(msgId);
            if (_announceSession)
            {
                var first = msgId;
                foreach (var inner in _inner)
                    first = Math.Min(first, inner.MsgId);
                var unique = new byte[8];
                _options.Random.Fill(unique);
                QueueNotification(new NewSessionCreated
                {
                    FirstMsgId = first,
                    UniqueId = BinaryPrimitives.ReadInt64LittleEndian(unique),
                    ServerSalt = ServerSalt,
                });
                _announceSession = false;
            }
            if (!isContainer)
            {
                Handle(msgId, opened.SeqNo, body, requests);
                return requests;
            }
            foreach (var inner in _inner.ToArray())
            {
                if (CheckMsgId(inner.MsgId) is { } innerCode)
                {
                    if (innerCode == 19)
                        Repeat(inner.MsgId, inner.SeqNo);
                    else
                        QueueBadMsg(inner.MsgId, inner.SeqNo, innerCode);
                    continue;
                }
                _seen.Add(inner.MsgId);
                Handle(inner.MsgId, inner.SeqNo, body.Slice(inner.Offset, inner.Length), requests);
            }
            return requests;
        }
        finally
        {
            opened.Dispose();
        }
    }

    /// <summary>Answers a request with rpc_result carrying <paramref name="result"/> (compressed when large).</summary>
    public void SendResult(long requestMsgId, TlObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        SendResult(requestMsgId, result.ToBytes());
    }

    /// <summary>Answers a request with rpc_result carrying a boxed result body (compressed when large).</summary>
    public void SendResult(long requestMsgId, ReadOnlySpan<byte> result)
    {
        if (!BeginAnswer(requestMsgId))
            return;
        // The result is copied once, into the body (a large one, an upload.file, is not copied again to be tried for gzip).
        ReadOnlySpan<byte> payload = Gzip.TryPack(result, _options.CompressionThreshold, out var packed) ? packed : result;
        var length = 12 + payload.Length;
        // A large body (a file chunk) is rented: it is kept for a resend until the client acknowledges it, and then given
        // back, where a fresh large-object array for every chunk would cost more than encrypting it.
        var rented = length >= PooledBodySize ? ArrayPool<byte>.Shared.Rent(length) : null;
        var body = rented ?? GC.AllocateUninitializedArray<byte>(length);
        BinaryPrimitives.WriteUInt32LittleEndian(body, RpcResult.TlConstructorId);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(4), requestMsgId);
        payload.CopyTo(body.AsSpan(12));
        _queue.Add(new OutgoingMessage(body.AsMemory(0, length), true, true) { AnswersMsgId = requestMsgId, Rented = rented });
        NoteAnswer(requestMsgId, 0);
    }

    /// <summary>Answers a request with rpc_error.</summary>
    public void SendError(long requestMsgId, int errorCode, string errorMessage)
    {
        ArgumentNullException.ThrowIfNull(errorMessage);
        if (!BeginAnswer(requestMsgId))
            return;
        QueueResponse(new RpcResult { ReqMsgId = requestMsgId, Result = new Tl.Mtproto.Types.RpcError { ErrorCode = errorCode, ErrorMessage = errorMessage } }, true, requestMsgId);
    }

    /// <summary>Sends an object of the server's own (an update): content-related, msg_id ≡ 3 mod 4.</summary>
    public void SendUpdate(TlObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        RequireSession();
        _queue.Add(new OutgoingMessage(Gzip.PackIfSmaller(update.ToBytes(), _options.CompressionThreshold), true, false));
    }

    /// <summary>Queues an API object the server sends on its own, already serialized (boxed), as a content-related message.</summary>
    public void SendUpdate(ReadOnlySpan<byte> update)
    {
        RequireSession();
        _queue.Add(new OutgoingMessage(Gzip.PackIfSmaller(update.ToArray(), _options.CompressionThreshold), true, false));
    }

    /// <summary>Builds the next packet (acknowledgements and queued messages, in a container when several); null when there is nothing.</summary>
    public byte[]? PackOutgoing() => Pack(rent: false, out _);

    /// <summary>
    /// As <see cref="PackOutgoing()"/>, into an array rented from <see cref="ArrayPool{T}.Shared"/>: the packet is its
    /// first <paramref name="length"/> bytes. Give the array back once the packet is written (a file chunk is a
    /// megabyte, and a fresh array for each costs more than encrypting it); false when there is nothing to send.
    /// </summary>
    public bool TryPackOutgoing([NotNullWhen(true)] out byte[]? rented, out int length)
    {
        rented = Pack(rent: true, out length);
        return rented is not null;
    }

    private byte[]? Pack(bool rent, out int length)
    {
        length = 0;
        if (!HasOutgoing || SessionId is not { } sessionId)
            return null;
        var batch = new List<OutgoingMessage>();
        var size = EncryptedMessage.ContainerHeaderSize;
        var ackCount = 0;
        if (_pendingAcks.Count > 0)
        {
            ackCount = Math.Min(_pendingAcks.Count, MaxAcksPerMessage);
            var ack = new Tl.Mtproto.Types.MsgsAck { MsgIds = [.. _pendingAcks.GetRange(0, ackCount)] }.ToBytes();
            batch.Add(new OutgoingMessage(ack, false, false));
            size += EncryptedMessage.InnerMessageHeaderSize + ack.Length;
        }
        var taken = 0;
        while (taken < _queue.Count && batch.Count < _options.MaxContainerMessages)
        {
            var add = EncryptedMessage.InnerMessageHeaderSize + _queue[taken].Body.Length;
            if (size + add > _options.MaxContainerBytes && batch.Count > 0)
            {
                if (taken == 0)
                {
                    batch.Clear();
                    ackCount = 0;
                    batch.Add(_queue[0]);
                    taken = 1;
                }
                break;
            }
            batch.Add(_queue[taken]);
            size += add;
            taken++;
        }
        var packet = EncryptedMessage.Seal(
            AuthKey, MessageDirection.ServerToClient, _options.Random, ServerSalt, sessionId,
            CollectionsMarshal.AsSpan(batch), _nextMsgId, _nextContainerId, _seq, rent, out length, out _, out _, out _);
        _queue.RemoveRange(0, taken);
        _pendingAcks.RemoveRange(0, ackCount);
        foreach (var m in batch)
        {
            if (m.AnswersMsgId != 0)
                NoteAnswer(m.AnswersMsgId, m.MsgId);
            if (m.ContentRelated)
                Store(m.MsgId, new StoredMessage(m.SeqNo, m.Body, m.IsResponse, m.AnswersMsgId, m.Rented));
        }
        return packet;
    }

    /// <summary>
    /// Tells the client, unasked, what became of the messages of this session, as a client coming back on a new
    /// connection needs it: msgs_all_info with the status of its recent content-related messages (all but those it
    /// knows were received, its answered requests whose answers it acknowledged), then msg_detailed_info for each
    /// answer and msg_new_detailed_info for each message of the server's own that it has not acknowledged (the client
    /// asks for those it lacks with msg_resend_req). None of them needs an acknowledgement. Nothing before the first
    /// client message.
    /// </summary>
    public void AnnounceStatus()
    {
        if (SessionId is null)
            return;
        var ids = new List<long>();
        var info = new List<byte>();
        foreach (var (id, seqNo) in _seqRecords)
        {
            if ((seqNo & 1) == 0)
                continue;
            if (_answers.TryGetValue(id, out var answer) && answer != 0 && !_stored.ContainsKey(answer))
                continue;
            ids.Add(id);
            info.Add(StateOf(id));
        }
        if (ids.Count > 0)
            _queue.Add(new OutgoingMessage(new MsgsAllInfo { MsgIds = [.. ids], Info = [.. info] }.ToBytes(), false, false));
        foreach (var id in _storedOrder)
        {
            // new_session_created is about the session's start, long past: a client that missed it has since been told the salt.
            if (!_stored.TryGetValue(id, out var stored) || stored.Body.Span.StartsWith(NewSessionCreatedId))
                continue;
            var isAnswer = stored.AnswersMsgId != 0;
            TlObject notice = isAnswer
                ? new MsgDetailedInfo { MsgId = stored.AnswersMsgId, AnswerMsgId = id, Bytes = stored.Body.Length, Status = 0 }
                : new MsgNewDetailedInfo { AnswerMsgId = id, Bytes = stored.Body.Length, Status = 0 };
            _queue.Add(new OutgoingMessage(notice.ToBytes(), false, isAnswer));
        }
    }

    private void StartSession(long sessionId)
    {
        if (SessionId is { } old)
            _previousSessions.Add(old);
        _previousSessions.Remove(sessionId);
        SessionId = sessionId;
        _announceSession = true;
        _seq.Reset();
        _seen.Clear();
        _seqRecords.Clear();
        _pendingAcks.Clear();
        _queue.Clear();
        foreach (var id in _storedOrder)
            Forget(id);
        _stored.Clear();
        _storedOrder.Clear();
        _answers.Clear();
        _answerOrder.Clear();
        _running.Clear();
        _dropped.Clear();
    }

    private int? CheckMsgId(long msgId)
    {
        if ((msgId & 3) != 0)
            return 18;
        var seconds = msgId >> 32;
        var now = Now.ToUnixTimeSeconds();
        if (now - seconds > (long)_options.MaxMsgIdAge.TotalSeconds)
            return 16;
        if (seconds - now > (long)_options.MaxMsgIdLead.TotalSeconds)
            return 17;
        if (_seen.Contains(msgId))
            return 19;
        if (_seen.IsTooOld(msgId))
            return 20;
        return null;
    }

    // 32: a lower msg_id came with a higher (or equal and odd) seq_no; 33: a higher msg_id with a lower (or equal and odd) one.
    private int? CheckSeqNo(long msgId, int seqNo)
    {
        var keys = _seqRecords.Keys;
        int lo = 0, hi = keys.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] < msgId)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0)
        {
            var before = _seqRecords.Values[lo - 1];
            if (before > seqNo || (before == seqNo && (seqNo & 1) != 0))
                return 32;
        }
        if (lo < keys.Count)
        {
            var after = _seqRecords.Values[lo];
            if (after < seqNo || (after == seqNo && (seqNo & 1) != 0))
                return 33;
        }
        return null;
    }

    private void RecordSeqNo(long msgId, int seqNo)
    {
        _seqRecords[msgId] = seqNo;
        if (_seqRecords.Count > MaxSeqRecords)
            _seqRecords.RemoveAt(0);
    }

    private void Handle(long msgId, int seqNo, ReadOnlySpan<byte> body, List<MtprotoIncomingRequest> requests)
    {
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
                    AcceptSeqNo(msgId, seqNo, true);
                    _pendingAcks.Add(msgId);
                    requests.Add(new MtprotoIncomingRequest(msgId, seqNo, body.ToArray(), null, e));
                    return;
                }
            }
            var id = body.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(body) : 0;
            // The informational messages need no acknowledgement: either parity is taken, and an odd one acknowledged.
            var contentRelated = IsInformational(id) ? (seqNo & 1) != 0 : id != Tl.Mtproto.Types.MsgsAck.TlConstructorId;
            if (!AcceptSeqNo(msgId, seqNo, contentRelated))
                return;

            TlObject message;
            try
            {
                var reader = new TlReader(body);
                message = TlRegistry.ReadObject(ref reader);
            }
            catch (TlDecodeException e)
            {
                _pendingAcks.Add(msgId);
                _running.Add(msgId);
                requests.Add(new MtprotoIncomingRequest(msgId, seqNo, body.ToArray(), null, e));
                return;
            }
            switch (message)
            {
                case Tl.Mtproto.Types.MsgsAck ack:
                    foreach (var acked in ack.MsgIds)
                        Forget(acked);
                    break;
                case Ping ping:
                    QueueResponse(new Pong { MsgId = msgId, PingId = ping.PingId }, true, msgId);
                    break;
                case PingDelayDisconnect pingDelay:
                    DisconnectDeadline = Now + TimeSpan.FromSeconds(pingDelay.DisconnectDelay);
                    QueueResponse(new Pong { MsgId = msgId, PingId = pingDelay.PingId }, true, msgId);
                    break;
                case GetFutureSalts get:
                    QueueResponse(new Tl.Mtproto.Types.FutureSalts
                    {
                        ReqMsgId = msgId,
                        Now = (int)Now.ToUnixTimeSeconds(),
                        Salts = _salts.Upcoming(get.Num),
                    }, true, msgId);
                    break;
                case Tl.Mtproto.Types.MsgsStateReq state:
                    QueueResponse(new MsgsStateInfo { ReqMsgId = msgId, Info = [.. state.MsgIds.Select(StateOf)] }, true, msgId);
                    break;
                case MsgResendReq resend:
                    // Messages it no longer has (or the client's own, by parity): msgs_state_info, as for msgs_state_req,
                    // which acknowledges the request in itself.
                    if (Resend(resend.MsgIds))
                        _pendingAcks.Add(msgId);
                    else
                        QueueResponse(new MsgsStateInfo { ReqMsgId = msgId, Info = [.. resend.MsgIds.Select(StateOf)] }, true, msgId);
                    break;
                case MsgResendAnsReq resendAnswers:
                    // The answers to the client's messages again, and msgs_state_info about those messages.
                    foreach (var request in resendAnswers.MsgIds)
                    {
                        if (_answers.TryGetValue(request, out var answer) && answer != 0)
                            Resend([answer]);
                    }
                    QueueResponse(new MsgsStateInfo { ReqMsgId = msgId, Info = [.. resendAnswers.MsgIds.Select(StateOf)] }, true, msgId);
                    break;
                case MsgsAllInfo all:
                    // The client tells what it received of the server's messages: those need not be kept for a resend.
                    if (contentRelated)
                        _pendingAcks.Add(msgId);
                    for (var i = 0; i < Math.Min(all.MsgIds.Length, all.Info.Length); i++)
                    {
                        if ((all.Info[i] & 7) == 4)
                            Forget(all.MsgIds[i]);
                    }
                    break;
                case MsgsStateInfo or MsgDetailedInfo or MsgNewDetailedInfo:
                    if (contentRelated)
                        _pendingAcks.Add(msgId);
                    break;
                case DestroyAuthKey:
                {
                    var result = IsAuthKeyDestroyed
                        ? new DestroyAuthKeyNone()
                        : DestroyAuthKeyHandler?.Invoke(AuthKey) ?? new DestroyAuthKeyOk();
                    IsAuthKeyDestroyed |= result is DestroyAuthKeyOk;
                    QueueResponse(result, true, msgId);
                    break;
                }
                case DestroySession destroy:
                {
                    TlObject result = _previousSessions.Remove(destroy.SessionId)
                        ? new DestroySessionOk { SessionId = destroy.SessionId }
                        : new DestroySessionNone { SessionId = destroy.SessionId };
                    QueueResponse(new RpcResult { ReqMsgId = msgId, Result = result }, true, msgId);
                    break;
                }
                case RpcDropAnswer drop:
                {
                    TlObject result;
                    if (_running.Remove(drop.ReqMsgId))
                    {
                        _dropped.Add(drop.ReqMsgId);
                        result = new RpcAnswerDroppedRunning();
                    }
                    else
                    {
                        result = new RpcAnswerUnknown();
                    }
                    QueueResponse(new RpcResult { ReqMsgId = msgId, Result = result }, true, msgId);
                    break;
                }
                case HttpWait:
                    break;
                default:
                    if (contentRelated)
                        _pendingAcks.Add(msgId);
                    _running.Add(msgId);
                    // A function read as such needs no copy of its bytes (a file part is half a megabyte).
                    requests.Add(new MtprotoIncomingRequest(msgId, seqNo, message is TlFunction ? [] : body.ToArray(), message, null));
                    break;
            }
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool AcceptSeqNo(long msgId, int seqNo, bool contentRelated)
    {
        // 35: odd seq_no expected (a content-related message), even received; 34: even expected, odd received.
        var code = contentRelated && (seqNo & 1) == 0 ? 35
            : !contentRelated && (seqNo & 1) != 0 ? 34
            : CheckSeqNo(msgId, seqNo);
        if (code is { } bad)
        {
            QueueBadMsg(msgId, seqNo, bad);
            return false;
        }
        RecordSeqNo(msgId, seqNo);
        return true;
    }

    // msgs_state_info: 1 unknown (too old), 2 not received, 3 not received (too new), 4 received; +8 already
    // acknowledged, +16 needs no acknowledgement, +32 query being processed or processed, +64 answer already generated.
    private byte StateOf(long msgId)
    {
        var seconds = msgId >> 32;
        var now = Now.ToUnixTimeSeconds();
        if (seconds - now > (long)_options.MaxMsgIdLead.TotalSeconds)
            return 3;
        if (_seen.Contains(msgId))
        {
            var state = 4;
            if (_running.Contains(msgId))
                state += 32;
            else if (_answers.ContainsKey(msgId))
                state += 32 + 64;
            if (_seqRecords.TryGetValue(msgId, out var seqNo) && (seqNo & 1) == 0)
                state += 16;
            else if (!_pendingAcks.Contains(msgId))
                state += 8;
            return (byte)state;
        }
        if (_seen.IsTooOld(msgId) || now - seconds > (long)_options.MaxMsgIdAge.TotalSeconds)
            return 1;
        return 2;
    }

    // A message received again with its msg_id: the client has no news of it. A request whose answer is still held
    // gets msg_detailed_info (the client asks for the answer with msg_resend_req if it lacks it); anything else is
    // acknowledged again when content-related. Nothing runs twice.
    private void Repeat(long msgId, int seqNo)
    {
        if (_answers.TryGetValue(msgId, out var answer) && answer != 0 && _stored.TryGetValue(answer, out var stored))
        {
            QueueResponse(new MsgDetailedInfo { MsgId = msgId, AnswerMsgId = answer, Bytes = stored.Body.Length, Status = 0 }, false);
            return;
        }
        if ((seqNo & 1) != 0 && !_pendingAcks.Contains(msgId))
            _pendingAcks.Add(msgId);
    }

    // Sends stored messages again with their msg_ids; false when one is not held (forgotten, never sent, or the client's own).
    private bool Resend(long[] msgIds)
    {
        var all = true;
        foreach (var id in msgIds)
        {
            if ((id & 3) == 0 || !_stored.TryGetValue(id, out var stored))
            {
                all = false;
                continue;
            }
            // A rented body may be given back while the resend waits in the queue: the resend has a copy of its own.
            var body = stored.Rented is null ? stored.Body : stored.Body.ToArray();
            _queue.Add(new OutgoingMessage(body, true, stored.IsResponse) { MsgId = id, SeqNo = stored.SeqNo, AnswersMsgId = stored.AnswersMsgId });
        }
        return all;
    }

    private void Store(long msgId, StoredMessage message)
    {
        if (_stored.TryAdd(msgId, message))
            _storedOrder.Enqueue(msgId);
        while (_storedOrder.Count > MaxStoredMessages)
            Forget(_storedOrder.Dequeue());
    }

    // Drops a stored message (acknowledged, received, or too old to keep), giving its body back when it was rented.
    private void Forget(long msgId)
    {
        if (_stored.Remove(msgId, out var stored) && stored.Rented is { } rented)
            ArrayPool<byte>.Shared.Return(rented);
    }

    // Which server message answers which client message (0 while the answer waits in the queue).
    private void NoteAnswer(long requestMsgId, long answerMsgId)
    {
        if (!_answers.ContainsKey(requestMsgId))
            _answerOrder.Enqueue(requestMsgId);
        _answers[requestMsgId] = answerMsgId;
        while (_answerOrder.Count > MaxAnswers)
            _answers.Remove(_answerOrder.Dequeue());
    }

    private static ReadOnlySpan<byte> NewSessionCreatedId => [0x08, 0x09, 0xc2, 0x9e];

    private static bool IsInformational(uint constructorId) =>
        constructorId is MsgsAllInfo.TlConstructorId or MsgsStateInfo.TlConstructorId
            or MsgDetailedInfo.TlConstructorId or MsgNewDetailedInfo.TlConstructorId;

    private bool BeginAnswer(long requestMsgId)
    {
        RequireSession();
        _running.Remove(requestMsgId);
        _pendingAcks.Remove(requestMsgId);
        return !_dropped.Remove(requestMsgId);
    }

    private void RequireSession()
    {
        if (SessionId is null)
            throw new InvalidOperationException("No client message has arrived yet, so there is no session to send in.");
    }

    private void QueueBadMsg(long msgId, int seqNo, int code) =>
        QueueResponse(new BadMsgNotification { BadMsgId = msgId, BadMsgSeqno = seqNo, ErrorCode = code }, false);

    private void QueueResponse(TlObject message, bool contentRelated, long answers = 0)
    {
        var body = message.ToBytes();
        _queue.Add(new OutgoingMessage(contentRelated ? Gzip.PackIfSmaller(body, _options.CompressionThreshold) : body, contentRelated, true) { AnswersMsgId = answers });
        if (answers != 0)
            NoteAnswer(answers, 0);
    }

    // A content-related message the server sent, kept until the client acknowledges it (for msg_resend_req). Every queued
    // body is an array of the session's own that nothing writes to again, so it is kept as it is, not copied; a rented one
    // goes back to the pool when the message is forgotten (and a resend queues a copy of it).
    private readonly record struct StoredMessage(int SeqNo, ReadOnlyMemory<byte> Body, bool IsResponse, long AnswersMsgId, byte[]? Rented);

    private void QueueNotification(TlObject message) =>
        _queue.Add(new OutgoingMessage(message.ToBytes(), true, false));
}
