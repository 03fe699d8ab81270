using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>The messages service's part of bot interaction: keyboards on private messages, callback targets, inline results sent.</summary>
internal sealed partial class MessagesService
{
    /// <summary>
    /// A private message with a keyboard or a via bot: the short forms carry neither reply_markup nor the bot's user, so the sender is answered with
    /// updates (updateMessageID and updateNewMessage) and the recipient gets updates with updateNewMessage. Runs under
    /// this service's lock.
    /// </summary>
    private UpdatesBase SendPrivateFull(Caller caller, MessageBox sender, MessageBox recipient, long key, int date, string text, MessageEntity[]? entities,
        BoxMessage? reply, long randomId, bool silent, ReplyMarkup? markup, long? viaBotId)
    {
        var dialog = new PeerKey(PeerKind.User, recipient.OwnerId);
        var back = new PeerKey(PeerKind.User, sender.OwnerId);
        PeerKey[] senderRefs = viaBotId is { } via ? [dialog, back, new PeerKey(PeerKind.User, via)] : [dialog, back];
        PeerKey[] recipientRefs = viaBotId is { } v ? [back, new PeerKey(PeerKind.User, v)] : [back];
        var senderViews = _world.Peers.Views(sender.OwnerId, senderRefs);
        var recipientViews = recipient.OwnerId != sender.OwnerId ? _world.Peers.Views(recipient.OwnerId, recipientRefs) : PeerViews.None;
        using (Updates.Hold())
        {
            var own = Store(sender, key, dialog, sender.OwnerId, true, date, text, entities, null, reply?.Id);
            own.Silent = silent;
            own.ReplyMarkup = markup;
            own.ViaBotId = viaBotId;
            var senderStream = Updates.Stream(sender.OwnerId);
            var senderUpdate = LogNewMessage(senderStream, own, senderRefs);
            if (recipient.OwnerId != sender.OwnerId)
            {
                var copy = Store(recipient, key, back, sender.OwnerId, false, date, text, entities, null, reply is null ? null : CopyOf(reply.Key, recipient.OwnerId));
                copy.Silent = silent;
                copy.ReplyMarkup = markup;
                copy.ViaBotId = viaBotId;
                var stream = Updates.Stream(recipient.OwnerId);
                var update = LogNewMessage(stream, copy, recipientRefs);
                stream.Push(stream.Container([update], recipientRefs, recipientViews), null, null, update.Pts, update.Pts);
            }
            var answer = senderStream.Container([new T.UpdateMessageID { Id = own.Id, RandomId = randomId }, senderUpdate], senderRefs, senderViews);
            senderStream.Push(answer, caller.Session, null, senderUpdate.Pts, senderUpdate.Pts);
            return answer;
        }
    }

    /// <summary>
    /// Message <paramref name="msgId"/> of <paramref name="dialog"/> in <paramref name="viewerId"/>'s box, as its author sees it
    /// (messages.getBotCallbackAnswer).
    /// </summary>
    /// <exception cref="RpcError">MESSAGE_ID_INVALID: no such message, a service message, or one its author no longer has.</exception>
    public CallbackTarget CallbackTarget(long viewerId, PeerKey dialog, int msgId)
    {
        using (_gate.Enter())
        {
            if (!BoxOf(viewerId).Messages.TryGetValue(msgId, out var message) || message.Dialog != dialog || message.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            if (CopyOf(message.Key, message.FromId) is not { } authorId || !_boxes.TryGetValue(message.FromId, out var author))
                throw WorldErrors.MessageIdInvalid;
            var own = author.Messages[authorId];
            return new CallbackTarget(author.OwnerId, author.OwnerIsBot, own.Id, own.Dialog, own.ReplyMarkup, own.ViaBotId);
        }
    }

    /// <summary>
    /// messages.sendInlineBotResult's message: sent by the caller through the send path, via <paramref name="botId"/>, with the
    /// result's text, entities and keyboard; clear_draft as for messages.sendMessage.
    /// </summary>
    public UpdatesBase SendInlineResult(Caller caller, FM.SendInlineBotResult request, string text, MessageEntity[]? entities, ReplyMarkup? markup, long botId) =>
        ClearDraftOnSend(caller, request.Peer, request.ClearDraft,
            SendMessage(caller, request.Peer, text, request.RandomId, entities, request.ReplyTo, request.Silent, markup, botId));
}
