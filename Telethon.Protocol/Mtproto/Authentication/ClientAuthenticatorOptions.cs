using Telethon.Crypto;

namespace Telethon.Mtproto.Authentication;

/// <summary>What a <see cref="ClientAuthenticator"/> needs to create an auth key.</summary>
public sealed class ClientAuthenticatorOptions
{
    /// <summary>
    /// The server RSA keys the client trusts (2048-bit). The first fingerprint in resPQ that matches
    /// one of them is used.
    /// </summary>
    public required IReadOnlyList<RsaPublicKey> PublicKeys { get; init; }

    /// <summary>
    /// The DC id to send in p_q_inner_data_dc / p_q_inner_data_temp_dc (add 10000 for a test DC,
    /// negate for a media DC). Null sends the older forms without a DC, p_q_inner_data and
    /// p_q_inner_data_temp, which servers still accept; it has to be chosen explicitly.
    /// </summary>
    public required int? DcId { get; init; }

    /// <summary>
    /// For a temporary (PFS) key: its lifetime in seconds, sent as expires_in of p_q_inner_data_temp_dc
    /// (or p_q_inner_data_temp). Null creates a permanent key.
    /// </summary>
    public int? TemporaryKeyExpiresIn { get; init; }

    /// <summary>
    /// Where every random byte comes from: the 16-byte nonce at <see cref="ClientAuthenticator.Start"/>;
    /// then the 32-byte new_nonce and RSA_PAD's padding and temp_key (a fresh 32 bytes per attempt when
    /// the encrypted value overflows the modulus); then per set_client_DH_params 256 bytes of b (drawn
    /// again in the rare case g_b is out of range) and 0 to 15 bytes of padding.
    /// </summary>
    public IRandomSource Random { get; init; } = SecureRandomSource.Instance;

    /// <summary>The clock used to compute the offset to the server's time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many dh_gen_retry answers are followed before giving up (5 by default).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>
    /// How many temp_keys RSA_PAD tries before the exchange fails (100 by default, which never runs out with a
    /// 2048-bit key). Some clients give up after three: a lower limit makes this client behave like them.
    /// </summary>
    internal int MaxRsaPadAttempts { get; init; } = 100;
}
