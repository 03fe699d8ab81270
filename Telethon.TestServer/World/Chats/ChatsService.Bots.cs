namespace Telethon.TestServer.World;

/// <summary>The chats service's part of bot interaction: the channel messages callback buttons are pressed on.</summary>
internal sealed partial class ChatsService
{
    /// <summary>Message <paramref name="msgId"/> of a channel <paramref name="viewerId"/> may read, as its author sees it (one id for everybody).</summary>
    /// <exception cref="RpcError">MESSAGE_ID_INVALID, or CHANNEL_PRIVATE when the viewer may not read the channel.</exception>
    public CallbackTarget ChannelCallbackTarget(long viewerId, long channelId, int msgId)
    {
        using (_gate.Enter())
        {
            if (!_channels.TryGetValue(channelId, out var channel))
                throw WorldErrors.ChannelInvalid;
            EnsureCanRead(channel, viewerId);
            if (!channel.Messages.TryGetValue(msgId, out var message) || message.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            return new CallbackTarget(message.FromId, _world.Peers.IsBot(message.FromId), message.Id, new PeerKey(PeerKind.Channel, channelId), message.ReplyMarkup, message.ViaBotId);
        }
    }

    /// <summary>Whether the channel is a broadcast channel (false for supergroups and unknown ids).</summary>
    public bool IsBroadcast(long channelId)
    {
        using (_gate.Enter())
            return _channels.TryGetValue(channelId, out var channel) && channel.Broadcast;
    }
}
