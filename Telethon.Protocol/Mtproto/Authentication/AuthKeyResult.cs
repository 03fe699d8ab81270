using Telethon.Crypto;

namespace Telethon.Mtproto.Authentication;

/// <summary>
/// What a finished auth-key exchange yields, on either side: the key, the first server salt and what
/// the client asked for (a DC, a temporary key).
/// </summary>
public sealed class AuthKeyResult
{
    /// <summary>Creates the result.</summary>
    public AuthKeyResult(AuthKey key, long serverSalt, int timeOffset, int? dcId, int? expiresIn)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        ServerSalt = serverSalt;
        TimeOffset = timeOffset;
        DcId = dcId;
        ExpiresIn = expiresIn;
    }

    /// <summary>The 256-byte auth key, with its auth_key_id (<see cref="AuthKey.Id"/>) and aux_hash.</summary>
    public AuthKey Key { get; }

    /// <summary>auth_key_id, as it precedes every encrypted message.</summary>
    public long KeyId => Key.Id;

    /// <summary>
    /// The first server salt: new_nonce[0:8] XOR server_nonce[0:8], read as a little-endian int64.
    /// </summary>
    public long ServerSalt { get; }

    /// <summary>
    /// Seconds to add to the local clock to get the server's: server_time − local time when
    /// server_DH_inner_data arrived (client side). Always 0 on the server side.
    /// </summary>
    public int TimeOffset { get; }

    /// <summary>
    /// The DC id of p_q_inner_data_dc / p_q_inner_data_temp_dc (negative for media DCs, +10000 for
    /// test DCs), or null when the client used a form without one.
    /// </summary>
    public int? DcId { get; }

    /// <summary>The lifetime in seconds a temporary (PFS) key was asked for, or null for a permanent key.</summary>
    public int? ExpiresIn { get; }

    /// <summary>Whether the key is temporary (made with p_q_inner_data_temp or p_q_inner_data_temp_dc).</summary>
    public bool IsTemporary => ExpiresIn is not null;
}
