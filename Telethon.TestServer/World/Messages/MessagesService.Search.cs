using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>
    /// messages.search in one chat: the messages matching q (word prefixes), the filter (empty, pinned,
    /// url; media filters find nothing in a world without media), from_id and the date range, paged like
    /// the history (offset_id, add_offset, limit, max_id, min_id); messagesSlice counts every match when
    /// the page does not hold them all (channels: channelMessages).
    /// </summary>
    public Tl.Abcs.Messages.Messages Search(Caller caller, FM.Search request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(viewer.OwnerId, request.Peer);
            long? fromId = null;
            if (request.FromId is not null and not T.InputPeerEmpty)
            {
                PeerKey from;
                try
                {
                    from = _world.Peers.ResolvePeer(viewer.OwnerId, request.FromId);
                }
                catch (RpcError)
                {
                    throw WorldErrors.Bad("FROM_PEER_INVALID");
                }
                fromId = from.Kind == PeerKind.User ? from.Id : throw WorldErrors.Bad("FROM_PEER_INVALID");
            }
            var query = MessageQuery.Create(request.Q, request.Filter, fromId, request.MinDate, request.MaxDate);
            var limit = Math.Clamp(request.Limit, 0, 100);
            if (target.Kind == PeerKind.Channel)
                return _world.Chats.SearchChannel(viewer.OwnerId, target.Id, query, request.OffsetId, request.AddOffset, limit, request.MaxId, request.MinId);
            var matching = new List<int>();
            if (viewer.Dialogs.TryGetValue(target, out var dialog))
            {
                foreach (var id in dialog.MessageIds.Reverse())
                {
                    var m = viewer.Messages[id];
                    if (query.Matches(m.Text, m.Entities, m.Action is not null, m.Pinned, m.FromId, m.Date, m.Media))
                        matching.Add(id);
                }
            }
            var page = Page(matching, id => viewer.Messages[id].Date, request.OffsetId, 0, request.AddOffset, limit, request.MaxId, request.MinId);
            return BoxMessages(viewer, page, matching.Count, [target]);
        }
    }

    /// <summary>
    /// messages.searchGlobal: the matching messages of every private chat, small group and channel the
    /// caller is in, newest first (the rate is the date); the next page starts after
    /// (offset_rate, offset_peer, offset_id). A messagesSlice with next_rate says more remain.
    /// SEARCH_QUERY_EMPTY without words and filter.
    /// </summary>
    public Tl.Abcs.Messages.Messages SearchGlobal(Caller caller, FM.SearchGlobal request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            if (request.FolderId is not (null or 0 or 1))
                throw WorldErrors.Bad("FOLDER_ID_INVALID");
            var query = MessageQuery.Create(request.Q, request.Filter, null, request.MinDate, request.MaxDate);
            if (query.IsEmpty)
                throw WorldErrors.Bad("SEARCH_QUERY_EMPTY");
            PeerKey? offsetPeer = request.OffsetPeer is null or T.InputPeerEmpty ? null : _world.Peers.ResolvePeer(viewer.OwnerId, request.OffsetPeer);
            var found = new List<SearchedMessage>();
            // The archive (folder 1) holds nothing: nothing is ever archived in the world.
            if (request.FolderId is not 1)
            {
                foreach (var (peer, state) in viewer.Dialogs)
                {
                    var wanted = peer.Kind == PeerKind.User ? !request.GroupsOnly && !request.BroadcastsOnly : !request.UsersOnly && !request.BroadcastsOnly;
                    if (!wanted)
                        continue;
                    foreach (var id in state.MessageIds)
                    {
                        var m = viewer.Messages[id];
                        if (query.Matches(m.Text, m.Entities, m.Action is not null, m.Pinned, m.FromId, m.Date, m.Media))
                            found.Add(new SearchedMessage(peer, m.Date, m.Id, MessageView(m, viewer.OwnerId), [.. MessageRefs(m)]));
                    }
                }
                if (!request.UsersOnly)
                    found.AddRange(_world.Chats.SearchChannelsOf(viewer.OwnerId, query, request.BroadcastsOnly, request.GroupsOnly));
            }
            found.Sort(GlobalOrder);
            var total = found.Count;
            var start = 0;
            var exact = offsetPeer is { } op && request.OffsetId > 0 ? found.FindIndex(f => f.Peer == op && f.Id == request.OffsetId) : -1;
            if (exact >= 0)
                start = exact + 1;
            else if (request.OffsetRate > 0)
                start = Math.Max(0, found.FindIndex(f => f.Date < request.OffsetRate) is var i and >= 0 ? i : found.Count);
            var limit = Math.Clamp(request.Limit, 0, 100);
            var page = found.Skip(start).Take(limit).ToList();
            var more = start + page.Count < found.Count;
            var (users, chats) = _world.Peers.Views(viewer.OwnerId, page.SelectMany(f => f.Refs));
            Message[] messages = [.. page.Select(f => f.View)];
            if (start == 0 && !more)
                return new T.Messages.Messages { MessagesValue = messages, Topics = [], Chats = chats, Users = users };
            return new T.Messages.MessagesSlice
            {
                Count = total,
                NextRate = more && page.Count > 0 ? page[^1].Date : null,
                Messages = messages,
                Topics = [],
                Chats = chats,
                Users = users,
            };
        }
    }

    /// <summary>Newest first; within a second by chat (kind, then id) and then newest id first: a total order to page by.</summary>
    private static int GlobalOrder(SearchedMessage a, SearchedMessage b)
    {
        var c = b.Date.CompareTo(a.Date);
        if (c == 0)
            c = a.Peer.Kind.CompareTo(b.Peer.Kind);
        if (c == 0)
            c = a.Peer.Id.CompareTo(b.Peer.Id);
        return c != 0 ? c : b.Id.CompareTo(a.Id);
    }
}
