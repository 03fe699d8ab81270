using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>The users and chats some peers refer to, as one viewer sees them (the users / chats of an answer).</summary>
internal readonly record struct PeerViews(User[] Users, Chat[] Chats)
{
    /// <summary>No users, no chats.</summary>
    public static PeerViews None => new([], []);
}
