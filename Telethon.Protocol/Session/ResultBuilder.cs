using Telethon.Tl.Abcs;

namespace Telethon.Session;

/// <summary>Collects one call's output; the lists are reused across calls.</summary>
internal sealed class ResultBuilder
{
    private readonly List<Update> _updates = [];
    private readonly List<User> _users = [];
    private readonly List<Chat> _chats = [];
    private readonly List<MessageBoxAction> _actions = [];

    /// <summary>Adds an update for handlers (null is an update with nothing to hand out).</summary>
    public void Deliver(Update? update)
    {
        if (update is not null)
            _updates.Add(update);
    }

    /// <summary>Adds users and chats.</summary>
    public void AddEntities(User[] users, Chat[] chats)
    {
        _users.AddRange(users);
        _chats.AddRange(chats);
    }

    /// <summary>Adds an action.</summary>
    public void Act(MessageBoxAction action) => _actions.Add(action);

    /// <summary>The result so far; the builder is empty afterwards.</summary>
    public MessageBoxResult Build()
    {
        if (_updates.Count == 0 && _users.Count == 0 && _chats.Count == 0 && _actions.Count == 0)
            return MessageBoxResult.Empty;
        var result = new MessageBoxResult([.. _updates], [.. _users], [.. _chats], [.. _actions]);
        _updates.Clear();
        _users.Clear();
        _chats.Clear();
        _actions.Clear();
        return result;
    }
}
