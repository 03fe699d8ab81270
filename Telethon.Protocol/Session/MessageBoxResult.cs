using Telethon.Tl.Abcs;

namespace Telethon.Session;

/// <summary>What one call on a <see cref="MessageBox"/> produced: the updates ready for handlers, in order,
/// the users and chats that came with the input, and the actions for the driver.</summary>
public sealed class MessageBoxResult
{
    /// <summary>The result with nothing in it.</summary>
    public static MessageBoxResult Empty { get; } = new([], [], [], []);

    internal MessageBoxResult(Update[] updates, User[] users, Chat[] chats, MessageBoxAction[] actions)
    {
        Updates = updates;
        Users = users;
        Chats = chats;
        Actions = actions;
    }

    /// <summary>The updates ready for handlers, each once, in pts order per account and per channel.
    /// Short updates come as updateNewMessage; messages from a difference come as updateNewMessage or
    /// updateNewChannelMessage (and encrypted ones as updateNewEncryptedMessage) with pts, pts_count and qts of 0.</summary>
    public IReadOnlyList<Update> Updates { get; }

    /// <summary>The users of every container and difference given, including those whose updates are held or dropped.</summary>
    public IReadOnlyList<User> Users { get; }

    /// <summary>The chats and channels of every container and difference given, including those whose updates are held or dropped.</summary>
    public IReadOnlyList<Chat> Chats { get; }

    /// <summary>What the driver has to do, in order.</summary>
    public IReadOnlyList<MessageBoxAction> Actions { get; }

    /// <summary>Whether there are no updates, entities nor actions.</summary>
    public bool IsEmpty => Updates.Count == 0 && Users.Count == 0 && Chats.Count == 0 && Actions.Count == 0;
}
