using TlChatBase = Telethon.Tl.Abcs.Chat;
using TlUserBase = Telethon.Tl.Abcs.User;

namespace Telethon.Updates;

/// <summary>
/// Tells the <see cref="UpdatesActor"/> about users and chats that came with a request's result
/// (contacts.resolveUsername, messages.getDialogs, ...), so that events about them carry their access hashes.
/// </summary>
/// <param name="Users">The users of the result.</param>
/// <param name="Chats">The chats and channels of the result.</param>
internal sealed record RememberPeers(IReadOnlyList<TlUserBase> Users, IReadOnlyList<TlChatBase> Chats);
