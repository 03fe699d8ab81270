namespace Telethon.TestServer.World;

/// <summary>The kind of a peer.</summary>
public enum PeerKind
{
    /// <summary>A user or bot.</summary>
    User,

    /// <summary>A small group (messages.createChat).</summary>
    Chat,

    /// <summary>A supergroup or broadcast channel.</summary>
    Channel,
}
