using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Telethon.Tl;

/// <summary>
/// Writes TL into a pooled, growing buffer. Dispose it to return the buffer to the pool; take the
/// result with <see cref="WrittenSpan"/> (valid until disposed) or <see cref="ToArray"/>.
/// </summary>
public ref struct TlWriter
{
    private byte[] _buffer;
    private int _position;

    /// <summary>Creates a writer whose buffer holds at least <paramref name="initialCapacity"/> bytes.</summary>
    public TlWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>The bytes written so far; valid until the writer grows again or is disposed.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>A copy of the bytes written.</summary>
    public readonly byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer is { Length: > 0 })
            ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear() => _position = 0;

    /// <summary>Drops what was written after the first <paramref name="length"/> bytes (undoing a value that turned out unwritable).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or past what was written.</exception>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _position);
        _position = length;
    }

    /// <summary>Overwrites the 32-bit integer written at <paramref name="position"/> (flag words known only after their fields).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No 32-bit integer was written there.</exception>
    public readonly void PatchInt32(int position, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _position - 4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(position, 4), value);
    }

    /// <summary>Writes a 32-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value)
    {
        if (_position > _buffer.Length - 4)
            Grow(4);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _position),
            BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 4;
    }

    /// <summary>Writes an unsigned 32-bit integer (constructor ids).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt32(uint value) => WriteInt32((int)value);

    /// <summary>Writes a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(long value)
    {
        if (_position > _buffer.Length - 8)
            Grow(8);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _position),
            BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value));
        _position += 8;
    }

    /// <summary>Writes a double.</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes an int128 (16 bytes, little-endian).</summary>
    public void WriteInt128(Int128 value)
    {
        if (_position > _buffer.Length - 16)
            Grow(16);
        BinaryPrimitives.WriteInt128LittleEndian(_buffer.AsSpan(_position, 16), value);
        _position += 16;
    }

    /// <summary>Writes an int256 (32 raw bytes).</summary>
    public void WriteInt256(Int256 value)
    {
        if (_position > _buffer.Length - 32)
            Grow(32);
        value.CopyTo(_buffer.AsSpan(_position, 32));
        _position += 32;
    }

    /// <summary>Writes a boxed Bool.</summary>
    public void WriteBool(bool value) => WriteUInt32(value ? TlReader.BoolTrueId : TlReader.BoolFalseId);

    /// <summary>Writes raw bytes with no length prefix or padding.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (_position > _buffer.Length - bytes.Length)
            Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>Writes TL bytes: length prefix (1 byte up to 253, else 0xfe and 3 bytes), data, zero padding to 4.</summary>
    /// <exception cref="TlEncodeException">Longer than 16 MiB − 1, which TL cannot express.</exception>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        var header = WriteLengthPrefix(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
        WritePadding(header + bytes.Length);
    }

    /// <summary>Writes a TL string (UTF-8 bytes).</summary>
    public void WriteString(string value)
    {
        // Strings short enough that even 3 bytes per char fit the 1-byte prefix skip the counting pass.
        var byteCount = value.Length <= 84 ? -1 : Encoding.UTF8.GetByteCount(value);
        if (byteCount < 0)
        {
            if (_position > _buffer.Length - (value.Length * 3 + 4))
                Grow(value.Length * 3 + 4);
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 1));
            _buffer[_position] = (byte)written;
            _position += 1 + written;
            WritePadding(1 + written);
            return;
        }
        var header = WriteLengthPrefix(byteCount);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
        WritePadding(header + byteCount);
    }

    /// <summary>Writes a vector header: the vector id unless <paramref name="bare"/>, then the count.</summary>
    public void WriteVectorHeader(int count, bool bare)
    {
        if (!bare)
            WriteUInt32(TlReader.VectorId);
        WriteInt32(count);
    }

    private int WriteLengthPrefix(int length)
    {
        if (length > 0xFFFFFF)
            throw new TlEncodeException($"bytes of length {length} exceed the TL limit of {0xFFFFFF}");
        var header = length <= 253 ? 1 : 4;
        var needed = header + length + 3;
        if (_position > _buffer.Length - needed)
            Grow(needed);
        if (header == 1)
        {
            _buffer[_position] = (byte)length;
        }
        else
        {
            _buffer[_position] = 254;
            _buffer[_position + 1] = (byte)length;
            _buffer[_position + 2] = (byte)(length >> 8);
            _buffer[_position + 3] = (byte)(length >> 16);
        }
        _position += header;
        return header;
    }

    private void WritePadding(int written)
    {
        var pad = (4 - (written & 3)) & 3;
        if (pad == 0)
            return;
        if (_position > _buffer.Length - pad)
            Grow(pad);
        _buffer.AsSpan(_position, pad).Clear();
        _position += pad;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _position + needed);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
