namespace Telethon.Model;

/// <summary>What kind of chat a <see cref="Peer"/> is (the classes of Telethon's <c>ChatType</c> filter).</summary>
public enum ChatKind
{
    /// <summary>A user or a bot (a private chat).</summary>
    User,

    /// <summary>A small group or a supergroup (megagroup).</summary>
    Group,

    /// <summary>A broadcast channel.</summary>
    Broadcast,
}
