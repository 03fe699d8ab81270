using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Telethon.Crypto;

/// <summary>
/// AES-256 in Infinite Garble Extension mode, as MTProto uses it for message bodies and for the
/// handshake's encrypted answers. The 32-byte IV holds the "previous ciphertext" block y0 in its
/// first 16 bytes and the "previous plaintext" block x0 in its last 16 bytes, so that
/// <c>y[i] = E(x[i] ^ y[i-1]) ^ x[i-1]</c>.
/// <para>
/// Runs on AES-NI when the processor has it (round keys held in registers, no allocation), and on
/// the platform's AES otherwise. Inputs must be a whole number of 16-byte blocks; the mode has no
/// padding of its own.
/// </para>
/// </summary>
public static class AesIge
{
    /// <summary>Size of an AES block, in bytes.</summary>
    public const int BlockSize = 16;

    /// <summary>Size of the AES-256 key, in bytes.</summary>
    public const int KeySize = 32;

    /// <summary>Size of the IGE initialisation vector (y0 then x0), in bytes.</summary>
    public const int IvSize = 32;

    /// <summary>True when the AES-NI path is available on this processor.</summary>
    public static bool IsHardwareAccelerated => X86Aes.IsSupported && Sse2.IsSupported;

    /// <summary>
    /// Which path the public methods take. Starts as <see cref="IsHardwareAccelerated"/>; tests and
    /// benchmarks may turn it off to exercise the portable path.
    /// </summary>
    internal static bool UseHardware { get; set; } = IsHardwareAccelerated;

    /// <summary>Encrypts <paramref name="data"/> in place.</summary>
    /// <param name="key">The 32-byte AES-256 key.</param>
    /// <param name="iv">The 32-byte IV: y0 (16 bytes) then x0 (16 bytes).</param>
    /// <param name="data">Plaintext in, ciphertext out; a multiple of 16 bytes.</param>
    /// <exception cref="ArgumentException">A size is wrong.</exception>
    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, Span<byte> data) =>
        Transform(key, iv, data, data, encrypt: true, UseHardware);

    /// <summary>Encrypts <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="key">The 32-byte AES-256 key.</param>
    /// <param name="iv">The 32-byte IV: y0 (16 bytes) then x0 (16 bytes).</param>
    /// <param name="source">Plaintext, a multiple of 16 bytes.</param>
    /// <param name="destination">
    /// Receives <c>source.Length</c> bytes of ciphertext; may be the same memory as
    /// <paramref name="source"/> but must not partly overlap it.
    /// </param>
    /// <exception cref="ArgumentException">A size is wrong or the buffers partly overlap.</exception>
    public static void Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination) =>
        Transform(key, iv, source, destination, encrypt: true, UseHardware);

    /// <summary>Decrypts <paramref name="data"/> in place.</summary>
    /// <param name="key">The 32-byte AES-256 key.</param>
    /// <param name="iv">The 32-byte IV: y0 (16 bytes) then x0 (16 bytes).</param>
    /// <param name="data">Ciphertext in, plaintext out; a multiple of 16 bytes.</param>
    /// <exception cref="ArgumentException">A size is wrong.</exception>
    public static void Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, Span<byte> data) =>
        Transform(key, iv, data, data, encrypt: false, UseHardware);

    /// <summary>Decrypts <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="key">The 32-byte AES-256 key.</param>
    /// <param name="iv">The 32-byte IV: y0 (16 bytes) then x0 (16 bytes).</param>
    /// <param name="source">Ciphertext, a multiple of 16 bytes.</param>
    /// <param name="destination">
    /// Receives <c>source.Length</c> bytes of plaintext; may be the same memory as
    /// <paramref name="source"/> but must not partly overlap it.
    /// </param>
    /// <exception cref="ArgumentException">A size is wrong or the buffers partly overlap.</exception>
    public static void Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination) =>
        Transform(key, iv, source, destination, encrypt: false, UseHardware);

    /// <summary>
    /// The common entry point: validates, then runs the AES-NI path when <c>hardware</c> is true
    /// (it must be supported) or the portable one otherwise.
    /// </summary>
    internal static void Transform(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination, bool encrypt, bool hardware)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"AES-256 needs a {KeySize}-byte key, got {key.Length} bytes.", nameof(key));
        if (iv.Length != IvSize)
            throw new ArgumentException($"AES-IGE needs a {IvSize}-byte IV, got {iv.Length} bytes.", nameof(iv));
        if (source.Length % BlockSize != 0)
            throw new ArgumentException($"AES-IGE input must be a multiple of {BlockSize} bytes, got {source.Length}.", nameof(source));
        if (destination.Length < source.Length)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {source.Length} are needed.", nameof(destination));
        destination = destination[..source.Length];
        if (source.Overlaps(destination, out var offset) && offset != 0)
            throw new ArgumentException("The source and destination partly overlap; use the same buffer or separate ones.", nameof(destination));
        if (source.IsEmpty)
            return;

        if (hardware)
        {
            if (!IsHardwareAccelerated)
                throw new PlatformNotSupportedException("AES-NI is not available on this processor.");
            if (encrypt)
                EncryptAesNi(key, iv, source, destination);
            else
                DecryptAesNi(key, iv, source, destination);
        }
        else
        {
            TransformPortable(key, iv, source, destination, encrypt);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EncryptAesNi(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var keys = default(Aes256RoundKeys);
        Aes256RoundKeys.ExpandEncryption(key, ref keys);
        var k0 = keys[0];
        var k1 = keys[1];
        var k2 = keys[2];
        var k3 = keys[3];
        var k4 = keys[4];
        var k5 = keys[5];
        var k6 = keys[6];
        var k7 = keys[7];
        var k8 = keys[8];
        var k9 = keys[9];
        var k10 = keys[10];
        var k11 = keys[11];
        var k12 = keys[12];
        var k13 = keys[13];
        var k14 = keys[14];

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var y = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(iv));
        var xPrevious = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(iv), BlockSize);
        var length = (nuint)source.Length;
        for (nuint i = 0; i < length; i += BlockSize)
        {
            var x = Vector128.LoadUnsafe(ref src, i);
            // The whitening key and x[i-1] are folded in off the y-to-y dependency chain:
            // E(x ^ y) ^ xPrevious == AESENCLAST(rounds(y ^ (x ^ k0)), k14 ^ xPrevious).
            var s = y ^ (x ^ k0);
            var last = k14 ^ xPrevious;
            s = X86Aes.Encrypt(s, k1);
            s = X86Aes.Encrypt(s, k2);
            s = X86Aes.Encrypt(s, k3);
            s = X86Aes.Encrypt(s, k4);
            s = X86Aes.Encrypt(s, k5);
            s = X86Aes.Encrypt(s, k6);
            s = X86Aes.Encrypt(s, k7);
            s = X86Aes.Encrypt(s, k8);
            s = X86Aes.Encrypt(s, k9);
            s = X86Aes.Encrypt(s, k10);
            s = X86Aes.Encrypt(s, k11);
            s = X86Aes.Encrypt(s, k12);
            s = X86Aes.Encrypt(s, k13);
            y = X86Aes.EncryptLast(s, last);
            y.StoreUnsafe(ref dst, i);
            xPrevious = x;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecryptAesNi(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var keys = default(Aes256RoundKeys);
        Aes256RoundKeys.ExpandDecryption(key, ref keys);
        var k0 = keys[0];
        var k1 = keys[1];
        var k2 = keys[2];
        var k3 = keys[3];
        var k4 = keys[4];
        var k5 = keys[5];
        var k6 = keys[6];
        var k7 = keys[7];
        var k8 = keys[8];
        var k9 = keys[9];
        var k10 = keys[10];
        var k11 = keys[11];
        var k12 = keys[12];
        var k13 = keys[13];
        var k14 = keys[14];

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var yPrevious = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(iv));
        var x = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(iv), BlockSize);
        var length = (nuint)source.Length;
        for (nuint i = 0; i < length; i += BlockSize)
        {
            var y = Vector128.LoadUnsafe(ref src, i);
            // x[i] = D(y[i] ^ x[i-1]) ^ y[i-1], with the same folding as on the encryption side.
            var s = x ^ (y ^ k0);
            var last = k14 ^ yPrevious;
            s = X86Aes.Decrypt(s, k1);
            s = X86Aes.Decrypt(s, k2);
            s = X86Aes.Decrypt(s, k3);
            s = X86Aes.Decrypt(s, k4);
            s = X86Aes.Decrypt(s, k5);
            s = X86Aes.Decrypt(s, k6);
            s = X86Aes.Decrypt(s, k7);
            s = X86Aes.Decrypt(s, k8);
            s = X86Aes.Decrypt(s, k9);
            s = X86Aes.Decrypt(s, k10);
            s = X86Aes.Decrypt(s, k11);
            s = X86Aes.Decrypt(s, k12);
            s = X86Aes.Decrypt(s, k13);
            x = X86Aes.DecryptLast(s, last);
            x.StoreUnsafe(ref dst, i);
            yPrevious = y;
        }
    }

    /// <summary>
    /// The path for processors without AES-NI: the platform's AES (OpenSSL, CNG or CommonCrypto)
    /// in ECB mode, one block at a time, with the IGE chaining done here.
    /// </summary>
    private static void TransformPortable(
        ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> source, Span<byte> destination, bool encrypt)
    {
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key.ToArray();
        aes.Mode = System.Security.Cryptography.CipherMode.ECB;
        aes.Padding = System.Security.Cryptography.PaddingMode.None;
        using var transform = encrypt ? aes.CreateEncryptor() : aes.CreateDecryptor();

        // Encryption chains on (y, x); decryption on (x, y): `chainIn` is XORed into the block
        // before the cipher and `chainOut` after it.
        var input = new byte[BlockSize];
        var output = new byte[BlockSize];
        Span<byte> chainIn = stackalloc byte[BlockSize];
        Span<byte> chainOut = stackalloc byte[BlockSize];
        Span<byte> block = stackalloc byte[BlockSize];
        if (encrypt)
        {
            iv[..BlockSize].CopyTo(chainIn);
            iv[BlockSize..].CopyTo(chainOut);
        }
        else
        {
            iv[BlockSize..].CopyTo(chainIn);
            iv[..BlockSize].CopyTo(chainOut);
        }

        for (var offset = 0; offset < source.Length; offset += BlockSize)
        {
            source.Slice(offset, BlockSize).CopyTo(block);
            for (var j = 0; j < BlockSize; j++)
                input[j] = (byte)(block[j] ^ chainIn[j]);
            transform.TransformBlock(input, 0, BlockSize, output, 0);
            var result = destination.Slice(offset, BlockSize);
            for (var j = 0; j < BlockSize; j++)
                result[j] = (byte)(output[j] ^ chainOut[j]);
            result.CopyTo(chainIn);
            block.CopyTo(chainOut);
        }
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(output);
    }
}
