using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when the event has a chat whose id is one of the given ones.</summary>
public sealed class ChatsFilter : Filter
{
    private readonly HashSet<long> _ids;

    /// <summary>Creates the filter.</summary>
    /// <param name="chatIds">The bare chat ids (user, group or channel ids).</param>
    public ChatsFilter(params IEnumerable<long> chatIds)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        _ids = [.. chatIds];
    }

    /// <summary>A copy of the chat ids filtered on.</summary>
    public IReadOnlySet<long> ChatIds => new HashSet<long>(_ids);

    /// <inheritdoc />
    public override bool Matches(Event e) => e?.Chat is { } chat && _ids.Contains(chat.Id);

    /// <inheritdoc />
    public override string ToString() => $"Chats({string.Join(", ", _ids)})";
}
