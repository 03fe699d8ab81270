using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Telethon.Tl;

/// <summary>
/// Reads TL from a span. Every length is checked against the remaining input before anything is
/// allocated, nesting of boxed objects is limited, and every failure is a <see cref="TlDecodeException"/>
/// naming the offset (and the constructor id where one is involved).
/// </summary>
public ref struct TlReader
{
    /// <summary>Constructor id of a boxed vector.</summary>
    public const uint VectorId = 0x1cb5c415;

    /// <summary>Constructor id of <c>boolTrue</c>.</summary>
    public const uint BoolTrueId = 0x997275b5;

    /// <summary>Constructor id of <c>boolFalse</c>.</summary>
    public const uint BoolFalseId = 0xbc799737;

    /// <summary>Constructor id of <c>gzip_packed</c>, unpacked transparently wherever an object is read.</summary>
    public const uint GzipPackedId = 0x3072cfa1;

    /// <summary>Default limit of nested boxed objects.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>Largest size gzip_packed data may unpack to.</summary>
    public const int MaxUnpackedSize = 16 * 1024 * 1024;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public TlReader(ReadOnlySpan<byte> data, int maxDepth = DefaultMaxDepth)
    {
        _data = data;
        _position = 0;
        _depth = 0;
        _maxDepth = maxDepth;
    }

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _data[_position..];

    /// <summary>Reads a 32-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        if (_data.Length - _position < 4)
            ThrowTruncated(4);
        var value = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), _position));
        _position += 4;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads an unsigned 32-bit integer (constructor ids).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32() => (uint)ReadInt32();

    /// <summary>Reads a 64-bit integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        if (_data.Length - _position < 8)
            ThrowTruncated(8);
        var value = Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), _position));
        _position += 8;
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads an int128 (16 raw bytes, little-endian).</summary>
    public Int128 ReadInt128()
    {
        if (_data.Length - _position < 16)
            ThrowTruncated(16);
        var value = BinaryPrimitives.ReadInt128LittleEndian(_data.Slice(_position, 16));
        _position += 16;
        return value;
    }

    /// <summary>Reads an int256 (32 raw bytes).</summary>
    public Int256 ReadInt256()
    {
        if (_data.Length - _position < 32)
            ThrowTruncated(32);
        var value = Int256.FromBytes(_data.Slice(_position, 32));
        _position += 32;
        return value;
    }

    /// <summary>Reads a boxed Bool (boolTrue / boolFalse).</summary>
    public bool ReadBool()
    {
        var offset = _position;
        var id = ReadUInt32();
        return id switch
        {
            BoolTrueId => true,
            BoolFalseId => false,
            _ => throw new TlDecodeException("expected boolTrue or boolFalse", offset, id),
        };
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (no length prefix) as a view of the input.</summary>
    public ReadOnlySpan<byte> ReadRawSpan(int count)
    {
        if (count < 0 || count > _data.Length - _position)
            ThrowTruncated(count);
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads TL bytes as a view of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytesSpan()
    {
        var start = _position;
        if ((uint)_position >= (uint)_data.Length)
            ThrowTruncated(1);
        int length = _data[_position];
        int header;
        if (length <= 253)
        {
            header = 1;
        }
        else if (length == 254)
        {
            if (_data.Length - _position < 4)
                ThrowTruncated(4);
            length = _data[_position + 1] | _data[_position + 2] << 8 | _data[_position + 3] << 16;
            header = 4;
        }
        else
        {
            throw new TlDecodeException("invalid length prefix 0xff in bytes/string", start);
        }
        var padded = (header + length + 3) & ~3;
        if (padded > _data.Length - _position)
            throw new TlDecodeException($"bytes/string of length {length} exceeds the {_data.Length - _position} bytes left", start);
        var span = _data.Slice(_position + header, length);
        _position += padded;
        return span;
    }

    /// <summary>Reads TL bytes into a new array.</summary>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads a TL string (UTF-8; invalid sequences become U+FFFD, as Telegram clients do).</summary>
    public string ReadString()
    {
        var span = ReadBytesSpan();
        return span.Length == 0 ? string.Empty : Encoding.UTF8.GetString(span);
    }

    /// <summary>
    /// Reads the header of a vector (the vector id unless <paramref name="bare"/>, then the count) and
    /// checks that the count fits in the input given each element takes at least <paramref name="minElementSize"/> bytes.
    /// </summary>
    public int ReadVectorCount(bool bare, int minElementSize)
    {
        var offset = _position;
        if (!bare)
        {
            var id = ReadUInt32();
            if (id != VectorId)
                throw new TlDecodeException("expected a vector", offset, id);
        }
        var countOffset = _position;
        var count = ReadInt32();
        if (count < 0 || count > Remaining / Math.Max(minElementSize, 1))
            throw new TlDecodeException($"vector count {count} does not fit in the {Remaining} bytes left", countOffset);
        return count;
    }

    /// <summary>
    /// Starts reading a boxed object: counts one level of nesting (failing beyond the limit) and
    /// returns the constructor id. Pair with <see cref="ExitObject"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint EnterObject()
    {
        if (++_depth > _maxDepth)
            ThrowTooDeep();
        return ReadUInt32();
    }

    /// <summary>Ends a boxed object started with <see cref="EnterObject"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ExitObject() => _depth--;

    /// <summary>
    /// Called by generated readers when the id just read is gzip_packed: unpacks the data (at most
    /// <see cref="MaxUnpackedSize"/> bytes) and reads one boxed value from it with <paramref name="read"/>.
    /// </summary>
    public T ReadGzipped<T>(TlReadFunc<T> read)
    {
        var offset = _position - 4;
        var (buffer, length) = Unpack(ReadBytesSpan(), offset);
        try
        {
            var inner = new TlReader(buffer.AsSpan(0, length), _maxDepth) { _depth = _depth };
            return read(ref inner);
        }
        catch (TlDecodeException e)
        {
            throw new TlDecodeException($"{e.Reason}, at offset {e.Offset} of the data unpacked from gzip_packed", offset, e.ConstructorId, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Unpacks gzip data into a pooled buffer that the caller returns; grows only as data really arrives.</summary>
    internal static (byte[] Buffer, int Length) Unpack(ReadOnlySpan<byte> packed, int offset)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Clamp(packed.Length * 4, 1024, MaxUnpackedSize));
        var length = 0;
        try
        {
            using var input = new MemoryStream(packed.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= MaxUnpackedSize)
                    {
                        // One more byte would exceed the limit: only fail if the stream really has more.
                        if (gzip.ReadByte() < 0)
                            break;
                        throw new TlDecodeException($"gzip_packed data unpacks to more than {MaxUnpackedSize} bytes", offset, GzipPackedId);
                    }
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxUnpackedSize));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = gzip.Read(buffer, length, Math.Min(buffer.Length, MaxUnpackedSize) - length);
                if (n == 0)
                    break;
                length += n;
            }
            return (buffer, length);
        }
        catch (InvalidDataException e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new TlDecodeException("gzip_packed data is not valid gzip", offset, GzipPackedId, e);
        }
        catch (TlDecodeException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The exception for an id no constructor of <paramref name="typeName"/> has.</summary>
    public readonly TlDecodeException UnknownConstructor(uint id, string typeName) =>
        new($"unknown constructor for {typeName}", _position - 4, id);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int needed) =>
        throw new TlDecodeException($"input ends: {needed} bytes needed, {Math.Max(Remaining, 0)} left", _position);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooDeep() =>
        throw new TlDecodeException($"objects nested deeper than {_maxDepth} levels", _position);
}
