namespace Telethon.Crypto;

/// <summary>
/// The client's half of an SRP password check, the A and M1 of inputCheckPasswordSRP
/// (sent together with the srp_id the server gave).
/// </summary>
public sealed class SrpAnswer
{
    /// <summary>Creates the answer.</summary>
    public SrpAnswer(byte[] a, byte[] m1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(m1);
        A = a;
        M1 = m1;
    }

    /// <summary>A = g^a mod p, 256 big-endian bytes.</summary>
    public byte[] A { get; }

    /// <summary>The 32-byte proof M1.</summary>
    public byte[] M1 { get; }
}
