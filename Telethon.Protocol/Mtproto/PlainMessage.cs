using System.Buffers.Binary;

namespace Telethon.Mtproto;

/// <summary>
/// Unencrypted messages (used while creating an auth key): <c>auth_key_id = 0 (8) | msg_id (8) | length (4) | body</c>.
/// </summary>
public static class PlainMessage
{
    /// <summary>Bytes before the body.</summary>
    public const int HeaderSize = 20;

    /// <summary>The whole message's size for a body of <paramref name="bodyLength"/> bytes.</summary>
    public static int GetLength(int bodyLength) => HeaderSize + bodyLength;

    /// <summary>Writes a plain message to <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public static int Write(long msgId, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var total = GetLength(body.Length);
        if (destination.Length < total)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {total} are needed.", nameof(destination));
        BinaryPrimitives.WriteInt64LittleEndian(destination, 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], msgId);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], body.Length);
        body.CopyTo(destination[HeaderSize..]);
        return total;
    }

    /// <summary>A new array holding the plain message.</summary>
    public static byte[] Encode(long msgId, ReadOnlySpan<byte> body)
    {
        var result = new byte[GetLength(body.Length)];
        Write(msgId, body, result);
        return result;
    }

    /// <summary>
    /// Reads a plain message. The msg_id is returned as sent, 0 included (some clients send 0 and the
    /// server accepts it); checking it is up to the handshake. Up to 15 trailing bytes after the body
    /// are tolerated (the padded intermediate transport adds them).
    /// </summary>
    /// <param name="message">The whole message as the transport delivered it.</param>
    /// <param name="body">The body, a view of <paramref name="message"/>.</param>
    /// <returns>The msg_id.</returns>
    /// <exception cref="MtprotoException">The auth_key_id is not 0, or the length does not fit.</exception>
    public static long Decode(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> body)
    {
        if (message.Length < 8)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"A plain message of {message.Length} bytes is shorter than its auth_key_id.");
        var keyId = BinaryPrimitives.ReadInt64LittleEndian(message);
        if (keyId != 0)
            throw new MtprotoException(MtprotoErrorReason.WrongAuthKeyId, $"A plain message has auth_key_id {keyId:x16}, not 0.");
        if (message.Length < HeaderSize)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"A plain message of {message.Length} bytes is shorter than its {HeaderSize}-byte header.");
        var msgId = BinaryPrimitives.ReadInt64LittleEndian(message[8..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(message[16..]);
        var available = message.Length - HeaderSize;
        if (length < 0 || length > available)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"A plain message declares a {length}-byte body but {available} bytes follow.");
        if (available - length > 15)
            throw new MtprotoException(MtprotoErrorReason.Malformed, $"A plain message has {available - length} bytes after its {length}-byte body.");
        body = message.Slice(HeaderSize, length);
        return msgId;
    }
}
