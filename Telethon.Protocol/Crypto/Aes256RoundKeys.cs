using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Telethon.Crypto;

/// <summary>The 15 round keys of AES-256, kept inline so that a schedule lives on the stack.</summary>
[InlineArray(Count)]
internal struct Aes256RoundKeys
{
    /// <summary>Number of round keys of AES-256 (14 rounds plus the initial whitening key).</summary>
    public const int Count = 15;

    private Vector128<byte> _first;

    /// <summary>
    /// Expands a 32-byte key into the encryption round keys with AESKEYGENASSIST
    /// (the schedule of FIPS-197, section 5.2, in the form given by Intel's AES-NI white paper).
    /// </summary>
    public static void ExpandEncryption(ReadOnlySpan<byte> key, ref Aes256RoundKeys keys)
    {
        var t1 = Vector128.Create(key[..16]);
        var t3 = Vector128.Create(key.Slice(16, 16));
        keys[0] = t1;
        keys[1] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x01));
        keys[2] = t1;
        t3 = NextOdd(t1, t3);
        keys[3] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x02));
        keys[4] = t1;
        t3 = NextOdd(t1, t3);
        keys[5] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x04));
        keys[6] = t1;
        t3 = NextOdd(t1, t3);
        keys[7] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x08));
        keys[8] = t1;
        t3 = NextOdd(t1, t3);
        keys[9] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x10));
        keys[10] = t1;
        t3 = NextOdd(t1, t3);
        keys[11] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x20));
        keys[12] = t1;
        t3 = NextOdd(t1, t3);
        keys[13] = t3;
        t1 = NextEven(t1, X86Aes.KeygenAssist(t3, 0x40));
        keys[14] = t1;
    }

    /// <summary>
    /// Expands a 32-byte key into the round keys of the equivalent inverse cipher, in the order
    /// AESDEC uses them: the last encryption key first, InvMixColumns applied to the middle ones.
    /// </summary>
    public static void ExpandDecryption(ReadOnlySpan<byte> key, ref Aes256RoundKeys keys)
    {
        var enc = default(Aes256RoundKeys);
        ExpandEncryption(key, ref enc);
        keys[0] = enc[14];
        for (var i = 1; i < Count - 1; i++)
            keys[i] = X86Aes.InverseMixColumns(enc[Count - 1 - i]);
        keys[14] = enc[0];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NextEven(Vector128<byte> previous, Vector128<byte> assist)
    {
        var rot = Sse2.Shuffle(assist.AsUInt32(), 0xff).AsByte();
        return ShiftXor(previous) ^ rot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> NextOdd(Vector128<byte> even, Vector128<byte> previous)
    {
        var sub = Sse2.Shuffle(X86Aes.KeygenAssist(even, 0x00).AsUInt32(), 0xaa).AsByte();
        return ShiftXor(previous) ^ sub;
    }

    /// <summary>w0, w0^w1, w0^w1^w2, w0^w1^w2^w3: the running XOR of the four words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ShiftXor(Vector128<byte> value)
    {
        var t = Sse2.ShiftLeftLogical128BitLane(value, 4);
        value ^= t;
        t = Sse2.ShiftLeftLogical128BitLane(t, 4);
        value ^= t;
        t = Sse2.ShiftLeftLogical128BitLane(t, 4);
        return value ^ t;
    }
}
