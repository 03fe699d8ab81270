namespace Telethon.Crypto;

/// <summary>
/// Which way an MTProto encrypted message travels. The value is the offset <c>x</c> that the key
/// derivation adds to its positions in the auth key (0 for client to server, 8 for server to client).
/// </summary>
public enum MessageDirection
{
    /// <summary>A message sent by the client (x = 0).</summary>
    ClientToServer = 0,

    /// <summary>A message sent by the server (x = 8).</summary>
    ServerToClient = 8,
}
