using System.Buffers;
using System.Buffers.Binary;
using Telethon.Crypto;
using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>
/// Builds and opens encrypted MTProto 2.0 messages: the inner layout
/// <c>salt | session_id | msg_id | seq_no | length | body | padding</c> around <see cref="MtProtoCipher"/>.
/// </summary>
internal static class EncryptedMessage
{
    public const int InnerHeaderSize = 32;
    public const int ContainerHeaderSize = 8;
    public const int InnerMessageHeaderSize = 16;
    public const uint ContainerId = 0x73f1f8dc;
    private const int MinimumPlaintext = 48; // 32-byte header, no body, 12..27 bytes of padding, a multiple of 16

    /// <summary>
    /// Numbers the messages (and a container when there are several) and encrypts them into one packet: an array of its
    /// own, or, with <paramref name="rent"/>, an array rented from <see cref="ArrayPool{T}.Shared"/> of which the first
    /// <paramref name="packetLength"/> bytes are the packet.
    /// </summary>
    public static byte[] Seal(
        AuthKey key, MessageDirection direction, IRandomSource random, long salt, long sessionId,
        Span<OutgoingMessage> messages, Func<OutgoingMessage, long> nextMsgId, Func<bool, long> nextContainerId,
        SequenceNumberGenerator seq, bool rent, out int packetLength, out long outerMsgId, out int outerSeqNo, out uint quickAckToken)
    {
        // A message resent with its original msg_id (server answer to msg_resend_req) travels in a container,
        // so that the packet itself has a fresh msg_id.
        var useContainer = messages.Length > 1 || messages[0].MsgId != 0;
        for (var i = 0; i < messages.Length; i++)
        {
            if (messages[i].MsgId != 0)
                continue;
            messages[i].MsgId = nextMsgId(messages[i]);
            messages[i].SeqNo = seq.Next(messages[i].ContentRelated);
        }

        int bodyLength;
        if (!useContainer)
        {
            outerMsgId = messages[0].MsgId;
            outerSeqNo = messages[0].SeqNo;
            bodyLength = messages[0].Body.Length;
        }
        else
        {
            var anyResponse = false;
            bodyLength = ContainerHeaderSize;
            foreach (ref readonly var m in messages)
            {
                bodyLength += InnerMessageHeaderSize + m.Body.Length;
                anyResponse |= m.IsResponse;
            }
            outerMsgId = nextContainerId(anyResponse);
            outerSeqNo = seq.Next(false);
        }

        // The inner message is written where it is encrypted: straight into the packet, after the envelope's header.
        var plaintextLength = InnerHeaderSize + bodyLength;
        packetLength = MtProtoCipher.GetEncryptedLength(plaintextLength);
        var packet = rent ? ArrayPool<byte>.Shared.Rent(packetLength) : GC.AllocateUninitializedArray<byte>(packetLength);
        var plain = packet.AsSpan(MtProtoCipher.HeaderSize, plaintextLength);
        BinaryPrimitives.WriteInt64LittleEndian(plain, salt);
        BinaryPrimitives.WriteInt64LittleEndian(plain[8..], sessionId);
        BinaryPrimitives.WriteInt64LittleEndian(plain[16..], outerMsgId);
        BinaryPrimitives.WriteInt32LittleEndian(plain[24..], outerSeqNo);
        BinaryPrimitives.WriteInt32LittleEndian(plain[28..], bodyLength);
        var at = InnerHeaderSize;
        if (!useContainer)
        {
            messages[0].Body.Span.CopyTo(plain[at..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(plain[at..], ContainerId);
            BinaryPrimitives.WriteInt32LittleEndian(plain[(at + 4)..], messages.Length);
            at += ContainerHeaderSize;
            foreach (ref readonly var m in messages)
            {
                BinaryPrimitives.WriteInt64LittleEndian(plain[at..], m.MsgId);
                BinaryPrimitives.WriteInt32LittleEndian(plain[(at + 8)..], m.SeqNo);
                BinaryPrimitives.WriteInt32LittleEndian(plain[(at + 12)..], m.Body.Length);
                m.Body.Span.CopyTo(plain[(at + InnerMessageHeaderSize)..]);
                at += InnerMessageHeaderSize + m.Body.Length;
            }
        }
        MtProtoCipher.EncryptInPlace(key, packet.AsSpan(0, packetLength), plaintextLength, direction, random, out quickAckToken);
        return packet;
    }

    /// <summary>Decrypts a packet and checks its envelope and inner layout; the caller checks session, salt and msg_id.</summary>
    /// <exception cref="MtprotoException">The packet is truncated, too large, names another key, fails the msg_key check or is laid out wrongly.</exception>
    public static OpenedMessage Open(AuthKey key, ReadOnlySpan<byte> packet, MessageDirection direction, int maxSize)
    {
        if (packet.Length < 8)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"A message of {packet.Length} bytes is shorter than its auth_key_id.");
        if (packet.Length > maxSize)
            throw new MtprotoException(MtprotoErrorReason.TooLarge, $"A message of {packet.Length} bytes exceeds the limit of {maxSize}.");
        var keyId = BinaryPrimitives.ReadInt64LittleEndian(packet);
        if (keyId != key.Id)
            throw new MtprotoException(MtprotoErrorReason.WrongAuthKeyId, $"The message is for auth_key_id {keyId:x16}, not {key.Id:x16}.");
        // The padded intermediate transport appends 0–15 random bytes the framing cannot tell from the
        // payload: the encrypted part is whole blocks, so a shorter tail is that padding (the msg_key
        // check still covers every block).
        var cipherLength = packet.Length - MtProtoCipher.HeaderSize;
        if (cipherLength < MinimumPlaintext)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"An encrypted message of {packet.Length} bytes is shorter than the least possible ({MtProtoCipher.HeaderSize + MinimumPlaintext}).");
        cipherLength -= cipherLength % 16;
        packet = packet[..(MtProtoCipher.HeaderSize + cipherLength)];

        var opened = new OpenedMessage { Buffer = ArrayPool<byte>.Shared.Rent(cipherLength) };
        try
        {
            try
            {
                MtProtoCipher.Decrypt(key, packet, direction, opened.Buffer, out opened.QuickAckToken);
            }
            catch (MessageDecryptionException e)
            {
                throw new MtprotoException(MtprotoErrorReason.MsgKeyMismatch, e.Message, e);
            }
            var plain = opened.Buffer.AsSpan(0, cipherLength);
            opened.Salt = BinaryPrimitives.ReadInt64LittleEndian(plain);
            opened.SessionId = BinaryPrimitives.ReadInt64LittleEndian(plain[8..]);
            opened.MsgId = BinaryPrimitives.ReadInt64LittleEndian(plain[16..]);
            opened.SeqNo = BinaryPrimitives.ReadInt32LittleEndian(plain[24..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(plain[28..]);
            var room = cipherLength - InnerHeaderSize;
            if (length < 0 || length > room)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"The message declares a {length}-byte body but holds {room} bytes.");
            if (length % 4 != 0)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"The body length {length} is not a multiple of 4.");
            var padding = room - length;
            if (padding < MtProtoCipher.MinimumPadding || padding > MtProtoCipher.MaximumPadding)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"The padding of {padding} bytes is outside {MtProtoCipher.MinimumPadding}..{MtProtoCipher.MaximumPadding}.");
            if (length < 4)
                throw new MtprotoException(MtprotoErrorReason.Malformed, "The message has an empty body.");
            opened.BodyOffset = InnerHeaderSize;
            opened.BodyLength = length;
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="body"/> is a msg_container.</summary>
    public static bool IsContainer(ReadOnlySpan<byte> body) =>
        body.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(body) == ContainerId;

    /// <summary>Reads the layout of a container body (headers and body ranges), checking every length.</summary>
    /// <exception cref="MtprotoException">The container is truncated, has trailing bytes, or nests a container.</exception>
    public static void ReadContainer(ReadOnlySpan<byte> body, List<InnerMessage> into)
    {
        if (body.Length < ContainerHeaderSize)
            throw new MtprotoException(MtprotoErrorReason.Malformed, "A msg_container is shorter than its header.");
        var count = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
        if (count < 0 || count > (body.Length - ContainerHeaderSize) / (InnerMessageHeaderSize + 4))
            throw new MtprotoException(MtprotoErrorReason.Malformed, $"A msg_container claims {count} messages in {body.Length} bytes.");
        var offset = ContainerHeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (body.Length - offset < InnerMessageHeaderSize)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"Message {i} of a msg_container is truncated.");
            var msgId = BinaryPrimitives.ReadInt64LittleEndian(body[offset..]);
            var seqNo = BinaryPrimitives.ReadInt32LittleEndian(body[(offset + 8)..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(body[(offset + 12)..]);
            offset += InnerMessageHeaderSize;
            if (length < 4 || length % 4 != 0 || length > body.Length - offset)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"Message {i} of a msg_container declares {length} bytes, {body.Length - offset} left.");
            if (IsContainer(body.Slice(offset, length)))
                throw new MtprotoException(MtprotoErrorReason.Malformed, "A msg_container holds another msg_container.");
            into.Add(new InnerMessage(msgId, seqNo, offset, length));
            offset += length;
        }
        if (offset != body.Length)
            throw new MtprotoException(MtprotoErrorReason.Malformed, $"A msg_container has {body.Length - offset} bytes after its last message.");
    }
}
