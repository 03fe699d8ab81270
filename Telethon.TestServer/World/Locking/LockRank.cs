namespace Telethon.TestServer.World;

/// <summary>
/// The world's lock order, top to bottom (see README.md): a thread that holds a service's lock may
/// enter only the locks of services further down, or its own again. The gaps leave room for services
/// to come: bots would sit between accounts and messages (they act by sending), files between peers
/// and updates (a leaf that messages and chats refer to).
/// </summary>
internal enum LockRank
{
    /// <summary>Sign-in, codes, 2FA, authorizations, bots' tokens, home DCs.</summary>
    Accounts = 10,

    /// <summary>Bots' pending callback and inline queries and the inline results they answered.</summary>
    Bots = 15,

    /// <summary>The message boxes of private chats and small groups.</summary>
    Messages = 20,

    /// <summary>Small groups, supergroups and channels: members, channel messages, channel pts.</summary>
    Chats = 30,

    /// <summary>Users, usernames, phones, contacts.</summary>
    Peers = 40,

    /// <summary>Uploaded parts, stored files, photos and documents, profile photos (a leaf: it calls no other service).</summary>
    Files = 45,

    /// <summary>The accounts' pts / qts / seq, their logs, the subscriptions and the pushes.</summary>
    Updates = 50,
}
