using Telethon.Events;
using Telethon.Model;

namespace Telethon.Filters;

/// <summary>Passes when the event has a chat of the given kind: a user (private chat), a group (small group or
/// supergroup) or a broadcast channel.</summary>
public sealed class ChatTypeFilter : Filter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="kind">The kind of chat.</param>
    public ChatTypeFilter(ChatKind kind)
    {
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown chat kind.");
        Kind = kind;
    }

    /// <summary>The kind of chat filtered on.</summary>
    public ChatKind Kind { get; }

    /// <inheritdoc />
    public override bool Matches(Event e) => e?.Chat is { } chat && chat.Kind == Kind;

    /// <inheritdoc />
    public override string ToString() => $"ChatType({Kind})";
}
