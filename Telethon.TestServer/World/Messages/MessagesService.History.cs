using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    // ---- messages.getHistory / getMessages ----

    /// <summary>messages.getHistory (messages.messages, messagesSlice, or channelMessages for channels).</summary>
    public Tl.Abcs.Messages.Messages GetHistory(Caller caller, FM.GetHistory request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(viewer.OwnerId, request.Peer);
            var limit = Math.Clamp(request.Limit, 0, 100);
            if (target.Kind == PeerKind.Channel)
                return _world.Chats.ChannelHistory(viewer.OwnerId, target.Id, request.OffsetId, request.OffsetDate, request.AddOffset, limit, request.MaxId, request.MinId);
            var all = viewer.Dialogs.TryGetValue(target, out var dialog) ? dialog.MessageIds.Reverse().ToList() : [];
            var selected = Page(all, id => viewer.Messages[id].Date, request.OffsetId, request.OffsetDate, request.AddOffset, limit, request.MaxId, request.MinId);
            return BoxMessages(viewer, selected, all.Count, [target]);
        }
    }

    /// <summary>messages.getMessages: the caller's messages by its ids (messageEmpty for unknown ones).</summary>
    public Tl.Abcs.Messages.Messages GetMessages(Caller caller, FM.GetMessages request)
    {
        // A bot names a callback query's message by the query (inputMessageCallbackQuery); the bots service, ranked above
        // messages, says whether the query is the bot's and on that message before the messages lock is taken.
        var callbackMessages = _world.Bots.CallbackMessages(caller.UserId, request.Id, channelId: null);
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var messages = new List<Message>();
            var refs = new List<PeerKey>();
            foreach (var input in request.Id ?? [])
            {
                var id = input switch
                {
                    T.InputMessageID m => m.Id,
                    T.InputMessageReplyTo r => viewer.Messages.TryGetValue(r.Id, out var replying) ? replying.ReplyToId ?? 0 : 0,
                    T.InputMessageCallbackQuery q when callbackMessages.Contains(q.Id) => q.Id,
                    _ => 0,
                };
                if (viewer.Messages.TryGetValue(id, out var message))
                {
                    messages.Add(MessageView(message, viewer.OwnerId));
                    refs.AddRange(MessageRefs(message));
                }
                else
                {
                    messages.Add(new T.MessageEmpty { Id = id });
                }
            }
            var (users, chats) = _world.Peers.Views(viewer.OwnerId, refs);
            return new T.Messages.Messages { MessagesValue = [.. messages], Topics = [], Chats = chats, Users = users };
        }
    }

    private Tl.Abcs.Messages.Messages BoxMessages(MessageBox viewer, List<int> ids, int total, IEnumerable<PeerKey> extraRefs)
    {
        var messages = ids.Select(id => MessageView(viewer.Messages[id], viewer.OwnerId)).ToArray();
        var refs = ids.SelectMany(id => MessageRefs(viewer.Messages[id])).Concat(extraRefs);
        var (users, chats) = _world.Peers.Views(viewer.OwnerId, refs);
        if (messages.Length == total)
            return new T.Messages.Messages { MessagesValue = messages, Topics = [], Chats = chats, Users = users };
        return new T.Messages.MessagesSlice { Count = total, Messages = messages, Topics = [], Chats = chats, Users = users };
    }

    /// <summary>
    /// Telegram's history paging over ids sorted newest first (core.telegram.org/api/offsets): max_id and
    /// min_id (exclusive) bound the list first; the page starts at the first message older than offset_id
    /// (or sent before offset_date), moved by add_offset (negative: towards newer messages), and holds at
    /// most limit messages.
    /// </summary>
    internal static List<int> Page(List<int> newestFirst, Func<int, int> dateOf, int offsetId, int offsetDate, int addOffset, int limit, int maxId, int minId)
    {
        var ids = maxId > 0 || minId > 0
            ? newestFirst.FindAll(id => (maxId <= 0 || id < maxId) && (minId <= 0 || id > minId))
            : newestFirst;
        var start = 0;
        if (offsetId > 0)
        {
            start = ids.FindIndex(id => id < offsetId);
            if (start < 0)
                start = ids.Count;
        }
        else if (offsetDate > 0)
        {
            start = ids.FindIndex(id => dateOf(id) < offsetDate);
            if (start < 0)
                start = ids.Count;
        }
        var from = Math.Max(0, start + addOffset);
        var to = Math.Min(ids.Count, start + addOffset + limit);
        return from < to ? ids.GetRange(from, to - from) : [];
    }
}
