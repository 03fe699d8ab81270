using System.Numerics;

namespace Telethon.Crypto;

/// <summary>
/// The server's half of an SRP exchange: the public B it sends as srp_B in account.password, and
/// the secret b it keeps until the client answers. Make one with <see cref="PasswordSrp.CreateChallenge"/>.
/// </summary>
public sealed class SrpServerChallenge
{
    internal SrpServerChallenge(byte[] b, BigInteger secret)
    {
        B = b;
        Secret = secret;
    }

    /// <summary>B = (k·v + g^b) mod p, 256 big-endian bytes: the srp_B field.</summary>
    public byte[] B { get; }

    /// <summary>The secret exponent b.</summary>
    internal BigInteger Secret { get; }
}
