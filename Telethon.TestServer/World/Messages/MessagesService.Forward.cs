using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>The most messages one messages.forwardMessages call forwards.</summary>
    public const int ForwardMax = 100;

    /// <summary>
    /// messages.forwardMessages from any chat the caller reads to any chat it writes in. Each copy gets a
    /// fwd_from header naming the original author (a user, or the channel and post id of a broadcast
    /// post) and date, the first origin when the message was itself forwarded; <c>drop_author</c> leaves
    /// the header out; forwards to Saved Messages also say where they were saved from. Albums keep
    /// together under a new grouped id. The answer has an updateMessageID per random id and the new
    /// messages; the other side gets the messages with its own ids and pts. Unknown ids and service
    /// messages are skipped (MESSAGE_ID_INVALID when nothing is left); protected chats answer
    /// CHAT_FORWARDS_RESTRICTED.
    /// </summary>
    public UpdatesBase ForwardMessages(Caller caller, FM.ForwardMessages request)
    {
        using (_gate.Enter())
        {
            var sender = BoxOf(caller.UserId);
            var ids = request.Id ?? [];
            var randomIds = request.RandomId ?? [];
            if (ids.Length == 0)
                throw WorldErrors.Bad("MESSAGE_IDS_EMPTY");
            if (ids.Length > ForwardMax || randomIds.Length != ids.Length)
                throw WorldErrors.Bad("RANDOM_ID_INVALID");
            var distinctRandoms = new HashSet<long>();
            foreach (var randomId in randomIds)
            {
                if (randomId == 0)
                    throw WorldErrors.Bad("RANDOM_ID_INVALID");
                if (!distinctRandoms.Add(randomId) || sender.RecentRandomIds.Contains(randomId))
                    throw WorldErrors.Bad("RANDOM_ID_DUPLICATE");
            }
            var source = _world.Peers.ResolvePeer(sender.OwnerId, request.FromPeer);
            var destination = _world.Peers.ResolvePeer(sender.OwnerId, request.ToPeer);
            var toSaved = destination == new PeerKey(PeerKind.User, sender.OwnerId);
            var albums = new Dictionary<long, long>();
            long? Album(long? groupedId) => groupedId is { } g ? albums.TryGetValue(g, out var mapped) ? mapped : albums[g] = NewKey() : null;

            var forwarded = new List<ForwardedMessage>();
            if (source.Kind == PeerKind.Channel)
            {
                var (broadcast, found) = _world.Chats.ForwardSources(sender.OwnerId, source.Id, ids);
                for (var i = 0; i < ids.Length; i++)
                {
                    if (found[i] is not { } m)
                        continue;
                    var origin = m.Forward ?? new ForwardInfo(broadcast ? source : new PeerKey(PeerKind.User, m.FromId), m.Date, broadcast ? m.Id : null);
                    forwarded.Add(new ForwardedMessage(m.Text, m.Entities, Header(origin, m.Id), Album(m.GroupedId), randomIds[i], m.Media));
                }
            }
            else
            {
                var protectedChat = source.Kind == PeerKind.Chat && _world.Chats.GroupNoforwards(source.Id);
                for (var i = 0; i < ids.Length; i++)
                {
                    if (!sender.Messages.TryGetValue(ids[i], out var m) || m.Dialog != source || m.Action is not null)
                        continue;
                    if (protectedChat || m.Noforwards)
                        throw WorldErrors.Bad("CHAT_FORWARDS_RESTRICTED");
                    var origin = m.Forward ?? new ForwardInfo(new PeerKey(PeerKind.User, m.FromId), m.Date, null);
                    forwarded.Add(new ForwardedMessage(m.Text, m.Entities, Header(origin, m.Id), Album(m.GroupedId), randomIds[i], m.Media));
                }
            }
            if (forwarded.Count == 0)
                throw WorldErrors.MessageIdInvalid;

            var answer = destination.Kind switch
            {
                PeerKind.User => ForwardPrivate(caller, sender, BoxOf(destination.Id), forwarded, request.Silent),
                PeerKind.Chat => ForwardToChat(caller, sender, destination.Id, forwarded, request.Silent),
                _ => _world.Chats.ForwardToChannel(caller, destination.Id, forwarded, request.Silent),
            };
            foreach (var randomId in randomIds)
                Remember(sender, randomId);
            return answer;

            ForwardInfo? Header(ForwardInfo origin, int sourceId) =>
                request.DropAuthor ? null : toSaved ? origin with { SavedFromPeer = source, SavedFromMsgId = sourceId } : origin with { SavedFromPeer = null, SavedFromMsgId = null };
        }
    }

    private UpdatesBase ForwardPrivate(Caller caller, MessageBox sender, MessageBox recipient, List<ForwardedMessage> messages, bool silent)
    {
        if (sender.OwnerIsBot && recipient.OwnerIsBot)
            throw WorldErrors.Bad("USER_IS_BOT");
        var dialog = new PeerKey(PeerKind.User, recipient.OwnerId);
        var back = new PeerKey(PeerKind.User, sender.OwnerId);
        PeerKey[] refs = [dialog, back, .. messages.Where(m => m.Forward is not null).SelectMany(m => m.Forward!.Refs())];
        refs = [.. refs.Distinct()];
        var owners = sender.OwnerId == recipient.OwnerId ? [sender.OwnerId] : new[] { sender.OwnerId, recipient.OwnerId };
        var views = _world.Peers.Views(owners, refs);
        var date = Now;
        var keys = messages.Select(_ => NewKey()).ToArray();
        using (Updates.Hold())
        {
            UpdatesBase? answer = null;
            foreach (var ownerId in owners)
            {
                var isSender = ownerId == sender.OwnerId;
                var box = BoxOf(ownerId);
                var stream = Updates.Stream(ownerId);
                var updates = new List<Update>();
                var firstPts = stream.Pts + 1;
                for (var i = 0; i < messages.Count; i++)
                {
                    var forwarded = messages[i];
                    var copy = StoreForward(box, isSender ? dialog : back, sender.OwnerId, isSender, date, forwarded, silent, keys[i]);
                    var update = LogNewMessage(stream, copy, refs);
                    if (isSender)
                        updates.Add(new T.UpdateMessageID { Id = copy.Id, RandomId = forwarded.RandomId });
                    updates.Add(update);
                }
                var container = stream.Container([.. updates], refs, views[ownerId]);
                stream.Push(container, isSender ? caller.Session : null, null, firstPts, stream.Pts);
                if (isSender)
                    answer = container;
            }
            return answer!;
        }
    }

    private UpdatesBase ForwardToChat(Caller caller, MessageBox sender, long chatId, List<ForwardedMessage> messages, bool silent)
    {
        var members = _world.Chats.GroupMembers(chatId);
        if (!members.Contains(sender.OwnerId))
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
        _world.Chats.CheckGroupSend(chatId, sender.OwnerId);
        var dialog = new PeerKey(PeerKind.Chat, chatId);
        PeerKey[] refs = [dialog, new PeerKey(PeerKind.User, sender.OwnerId), .. messages.Where(m => m.Forward is not null).SelectMany(m => m.Forward!.Refs())];
        refs = [.. refs.Distinct()];
        var order = ChatsService.InOrder(members, sender.OwnerId);
        var views = _world.Peers.Views(order, refs);
        var noforwards = _world.Chats.GroupNoforwards(chatId);
        var date = Now;
        var keys = messages.Select(_ => NewKey()).ToArray();
        UpdatesBase? answer = null;
        using (Updates.Hold())
        {
            foreach (var memberId in order)
            {
                var isSender = memberId == sender.OwnerId;
                var box = BoxOf(memberId);
                var stream = Updates.Stream(memberId);
                var updates = new List<Update>();
                var firstPts = stream.Pts + 1;
                for (var i = 0; i < messages.Count; i++)
                {
                    var copy = StoreForward(box, dialog, sender.OwnerId, isSender, date, messages[i], silent, keys[i]);
                    copy.Noforwards = noforwards;
                    var update = LogNewMessage(stream, copy, refs);
                    if (isSender)
                        updates.Add(new T.UpdateMessageID { Id = copy.Id, RandomId = messages[i].RandomId });
                    updates.Add(update);
                }
                var container = stream.Container([.. updates], refs, views[memberId]);
                stream.Push(container, isSender ? caller.Session : null, null, firstPts, stream.Pts);
                if (isSender)
                    answer = container;
            }
        }
        return answer!;
    }

    /// <summary>Stores one box's copy of a forwarded message (the copies of one message share <paramref name="key"/>).</summary>
    private BoxMessage StoreForward(MessageBox box, PeerKey dialog, long fromId, bool isOut, int date, ForwardedMessage forwarded, bool silent, long key)
    {
        var copy = Store(box, key, dialog, fromId, isOut, date, forwarded.Text, forwarded.Entities, null, null);
        copy.Forward = forwarded.Forward;
        copy.GroupedId = forwarded.GroupedId;
        copy.Silent = silent;
        copy.Media = forwarded.Media;
        return copy;
    }

    /// <summary>Remembers a random id the sender used (the most recent <see cref="RecentRandomIds"/> are checked for duplicates).</summary>
    private static void Remember(MessageBox sender, long randomId)
    {
        if (randomId == 0 || !sender.RecentRandomIds.Add(randomId))
            return;
        sender.RandomIdOrder.Enqueue(randomId);
        if (sender.RandomIdOrder.Count > RecentRandomIds)
            sender.RecentRandomIds.Remove(sender.RandomIdOrder.Dequeue());
    }
}
