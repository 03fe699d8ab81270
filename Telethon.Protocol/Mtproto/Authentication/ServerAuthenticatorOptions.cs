using Telethon.Crypto;

namespace Telethon.Mtproto.Authentication;

/// <summary>What a <see cref="ServerAuthenticator"/> needs to answer a client's auth-key exchange.</summary>
public sealed class ServerAuthenticatorOptions
{
    /// <summary>
    /// The server's RSA keys (2048-bit). Their fingerprints are offered in resPQ, in this order; the
    /// client encrypts p_q_inner_data for the one it picks.
    /// </summary>
    public required IReadOnlyList<RsaPrivateKey> PrivateKeys { get; init; }

    /// <summary>
    /// Where every random byte comes from: the 16-byte server_nonce, then 4 bytes per candidate prime
    /// of pq (at the answer to req_pq_multi); 256 bytes of a (drawn again in the rare case g_a is out of
    /// range) and 0 to 15 bytes of padding (at the answer to req_DH_params).
    /// </summary>
    public IRandomSource Random { get; init; } = SecureRandomSource.Instance;

    /// <summary>The clock server_time is read from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Tells whether an auth_key_id is already taken (by a stored key of this server). When it returns
    /// true for the new key the server answers dh_gen_retry and the client tries another b. Null treats
    /// every id as free.
    /// </summary>
    public Func<long, bool>? IsAuthKeyIdInUse { get; init; }

    /// <summary>
    /// The generator g sent with Telegram's 2048-bit dh_prime. It must generate the subgroup of prime
    /// order (p−1)/2; the default 3 does, since dh_prime mod 3 = 2.
    /// </summary>
    public int G { get; init; } = 3;

    /// <summary>
    /// Whether encrypted_data that is not a valid RSA_PAD block is tried as the older form,
    /// RSA(SHA1(data) + data + padding) (true by default, as Telegram's servers still accept it).
    /// </summary>
    public bool AcceptLegacyEncryption { get; init; } = true;

    /// <summary>How many dh_gen_retry answers are given before the exchange is refused with dh_gen_fail (5 by default).</summary>
    public int MaxRetries { get; init; } = 5;
}
