using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>Occurs when messages are deleted. Telegram sends only their ids, and the chat only for supergroups and
/// broadcast channels. Built from updateDeleteMessages and updateDeleteChannelMessages.</summary>
public sealed class MessageDeleted : Event
{
    private readonly Peer? _chat;

    /// <summary>Creates the event.</summary>
    /// <param name="context">The account that received it.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    /// <param name="messageIds">The ids of the deleted messages.</param>
    /// <param name="channel">The supergroup or channel the messages were in, or null elsewhere.</param>
    public MessageDeleted(IEventContext context, Update rawUpdate, IReadOnlyList<int> messageIds, Peer? channel)
        : base(context, rawUpdate)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        MessageIds = messageIds;
        _chat = channel;
    }

    /// <summary>The ids of the deleted messages.</summary>
    public IReadOnlyList<int> MessageIds { get; }

    /// <summary>The id of the supergroup or broadcast channel where the messages were deleted, or null elsewhere.</summary>
    public long? ChannelId => _chat?.Id;

    /// <inheritdoc />
    public override Peer? Chat => _chat;

    /// <inheritdoc />
    public override string ToString() =>
        $"MessageDeleted {{ ChannelId = {ChannelId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, MessageIds = [{string.Join(", ", MessageIds)}] }}";
}
