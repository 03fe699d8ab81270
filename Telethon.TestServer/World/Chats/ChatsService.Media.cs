using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    /// <summary>
    /// messages.sendMedia / sendMultiMedia to a channel: one message (and channel pts) per item, all in one
    /// container for every member (each viewer its own access hashes and file references); the sender's starts
    /// with an updateMessageID per item.
    /// </summary>
    public UpdatesBase SendChannelMedia(Caller caller, long channelId, IReadOnlyList<OutgoingMedia> items, int? replyId, bool silent)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var senderId = caller.UserId;
            EnsureCanRead(channel, senderId);
            EnsureCanWrite(channel, senderId);
            CheckSendRights(channel, senderId);
            var reply = replyId is { } r && channel.Messages.ContainsKey(r) ? r : (int?)null;
            var changes = new List<ChannelChange>(items.Count);
            var ids = new List<Update>(items.Count);
            foreach (var item in items)
            {
                var message = NewChannelMessage(channel, senderId, item.Caption, item.Entities, null, reply, silent, null, item.GroupedId, item.Media);
                message.ReplyMarkup = item.Markup;
                changes.Add(new ChannelChange(ChannelEvent.NewMessage, message, []));
                ids.Add(new T.UpdateMessageID { Id = message.Id, RandomId = item.RandomId });
                channel.ReadInboxMaxId[senderId] = message.Id;
            }
            return Broadcast(channel, changes, senderId, caller.Session, [.. ids], null)!;
        }
    }
}
