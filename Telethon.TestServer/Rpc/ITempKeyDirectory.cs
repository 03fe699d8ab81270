using Telethon.Crypto;

namespace Telethon.TestServer.Rpc;

/// <summary>The auth keys of the DCs as auth.bindTempAuthKey needs them (the network layer's key store).</summary>
internal interface ITempKeyDirectory
{
    /// <summary>The key with this id on the DC, or null when it is unknown or has expired.</summary>
    AuthKey? Find(int dcId, long keyId);

    /// <summary>Whether the key is a live temporary key (made with expires_in).</summary>
    bool IsTemporary(int dcId, long keyId);

    /// <summary>
    /// Makes the temporary key act for the permanent key until <paramref name="expiresAt"/> at the latest, replacing the
    /// temporary key that acted for it before.
    /// </summary>
    TempKeyBindOutcome Bind(int dcId, long temporaryKeyId, long permanentKeyId, DateTimeOffset expiresAt);
}
