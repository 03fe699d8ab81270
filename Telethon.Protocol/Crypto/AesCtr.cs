using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// A streaming AES-256-CTR transform, as OpenSSL and the obfuscated2 transport use it: the
/// whole 16-byte IV is the initial counter block and is incremented as one big-endian 128-bit
/// integer per block. Encryption and decryption are the same operation.
/// </summary>
/// <remarks>
/// The keystream position is kept between calls, so input may be fed in chunks of any size.
/// Keystream is produced in batches of counter blocks through one ECB encryptor created at
/// construction; after that no call allocates. An instance is not thread-safe.
/// </remarks>
public sealed class AesCtr : IDisposable
{
    /// <summary>Key length in bytes (AES-256).</summary>
    public const int KeySize = 32;

    /// <summary>IV (initial counter block) length in bytes.</summary>
    public const int IvSize = 16;

    private const int BlockSize = 16;
    private const int BatchBlocks = 64;
    private const int BatchBytes = BatchBlocks * BlockSize;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counterBlocks = new byte[BatchBytes];
    private readonly byte[] _keystream = new byte[BatchBytes];
    private readonly byte[] _aheadCounter = new byte[BlockSize];
    private readonly byte[] _aheadKeystream = new byte[BlockSize];

    // The next counter block to encrypt (after the ones already in the keystream buffer).
    private ulong _counterHigh;
    private ulong _counterLow;

    // Unused keystream is _keystream[_keystreamPos.._keystreamLength].
    private int _keystreamPos;
    private int _keystreamLength;
    private long _position;
    private bool _disposed;

    /// <summary>Creates the transform at keystream position 0.</summary>
    /// <param name="key">The 32-byte AES-256 key.</param>
    /// <param name="iv">The 16-byte initial counter block.</param>
    /// <exception cref="ArgumentException">The key or IV has the wrong length.</exception>
    public AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"AES-256-CTR needs a {KeySize}-byte key, got {key.Length} bytes.", nameof(key));
        if (iv.Length != IvSize)
            throw new ArgumentException($"AES-256-CTR needs a {IvSize}-byte IV, got {iv.Length} bytes.", nameof(iv));

        _aes = Aes.Create();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        var keyCopy = key.ToArray();
        _aes.Key = keyCopy;
        CryptographicOperations.ZeroMemory(keyCopy);
        _ecb = _aes.CreateEncryptor();
        _counterHigh = BinaryPrimitives.ReadUInt64BigEndian(iv);
        _counterLow = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]);
    }

    /// <summary>Number of bytes transformed so far (the keystream offset of the next byte).</summary>
    public long Position => _position;

    /// <summary>Transforms <paramref name="data"/> in place and advances the keystream.</summary>
    public void Transform(Span<byte> data) => Transform(data, data);

    /// <summary>
    /// XORs <paramref name="input"/> with the next keystream bytes into <paramref name="output"/>
    /// and advances the keystream. The two may be the same memory (in-place), but must not
    /// otherwise overlap.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <paramref name="input"/>.</exception>
    /// <exception cref="ObjectDisposedException">The transform was disposed.</exception>
    public void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length < input.Length)
            throw new ArgumentException("The output is shorter than the input.", nameof(output));

        var done = 0;
        while (done < input.Length)
        {
            if (_keystreamPos == _keystreamLength)
                Refill();
            var n = Math.Min(input.Length - done, _keystreamLength - _keystreamPos);
            Xor(input.Slice(done, n), _keystream.AsSpan(_keystreamPos, n), output.Slice(done, n));
            _keystreamPos += n;
            done += n;
        }
        _position += input.Length;
    }

    /// <summary>
    /// XORs <paramref name="input"/> with the keystream bytes that the next <see cref="Transform(ReadOnlySpan{byte}, Span{byte})"/>
    /// call would use, without advancing the keystream. This lets a reader look at the start of
    /// encrypted data (a length prefix, say) before it knows whether it can consume it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <paramref name="input"/>.</exception>
    /// <exception cref="ObjectDisposedException">The transform was disposed.</exception>
    public void TransformAhead(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length < input.Length)
            throw new ArgumentException("The output is shorter than the input.", nameof(output));

        var buffered = Math.Min(input.Length, _keystreamLength - _keystreamPos);
        Xor(input[..buffered], _keystream.AsSpan(_keystreamPos, buffered), output);
        var done = buffered;
        var high = _counterHigh;
        var low = _counterLow;
        while (done < input.Length)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_aheadCounter, high);
            BinaryPrimitives.WriteUInt64BigEndian(_aheadCounter.AsSpan(8), low);
            Increment(ref high, ref low);
            _ecb.TransformBlock(_aheadCounter, 0, BlockSize, _aheadKeystream, 0);
            var n = Math.Min(BlockSize, input.Length - done);
            Xor(input.Slice(done, n), _aheadKeystream.AsSpan(0, n), output[done..]);
            done += n;
        }
    }

    /// <summary>Releases the underlying cipher and clears the keystream buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        CryptographicOperations.ZeroMemory(_keystream);
        CryptographicOperations.ZeroMemory(_aheadKeystream);
        _ecb.Dispose();
        _aes.Dispose();
    }

    private void Refill()
    {
        var counters = _counterBlocks.AsSpan();
        for (var offset = 0; offset < BatchBytes; offset += BlockSize)
        {
            BinaryPrimitives.WriteUInt64BigEndian(counters[offset..], _counterHigh);
            BinaryPrimitives.WriteUInt64BigEndian(counters[(offset + 8)..], _counterLow);
            Increment(ref _counterHigh, ref _counterLow);
        }
        var written = _ecb.TransformBlock(_counterBlocks, 0, BatchBytes, _keystream, 0);
        if (written != BatchBytes)
            throw new CryptographicException($"The AES encryptor produced {written} bytes instead of {BatchBytes}.");
        _keystreamPos = 0;
        _keystreamLength = BatchBytes;
    }

    private static void Increment(ref ulong high, ref ulong low)
    {
        low++;
        if (low == 0)
            high++;
    }

    private static void Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> keystream, Span<byte> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            for (; i + width <= input.Length; i += width)
                (new Vector<byte>(input[i..]) ^ new Vector<byte>(keystream[i..])).CopyTo(output[i..]);
        }
        for (; i < input.Length; i++)
            output[i] = (byte)(input[i] ^ keystream[i]);
    }
}
