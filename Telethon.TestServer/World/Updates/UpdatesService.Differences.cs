using Telethon.Tl.Abcs;
using F = Telethon.Tl.Functions.Updates;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class UpdatesService
{
    /// <summary>updates.getState: the account's pts, qts and seq.</summary>
    public Tl.Abcs.Updates.State GetState(Caller caller, F.GetState request) => GetState(caller);

    /// <inheritdoc cref="GetState(Caller, F.GetState)"/>
    public Tl.Abcs.Updates.State GetState(Caller caller)
    {
        var unread = _world.Messages.UnreadCount(caller.UserId);
        using (_gate.Enter())
        {
            var a = Stream(caller.UserId);
            return StateAt(a, a.Pts, a.Qts, unread);
        }
    }

    private T.Updates.State StateAt(AccountStream a, int pts, int qts, int unread) => new()
    {
        Pts = pts,
        Qts = qts,
        Date = Now,
        Seq = a.Seq,
        UnreadCount = unread,
    };

    /// <summary>
    /// updates.getDifference from the client's (pts, qts): differenceEmpty when nothing is pending;
    /// updates.difference with every logged update after it; differenceSlice (with the intermediate
    /// state) beyond <see cref="WorldOptions.DifferenceSliceSize"/> updates or pts_limit;
    /// differenceTooLong when more than <see cref="WorldOptions.DifferenceTooLong"/> pts (or
    /// pts_total_limit) are pending or the log no longer reaches back that far. Updates without pts or
    /// qts (updateChannel, ...) come along when they happened after the client's position.
    /// </summary>
    public Tl.Abcs.Updates.Difference GetDifference(Caller caller, F.GetDifference request)
    {
        var pts = request.Pts;
        var qts = request.Qts;
        var options = _world.Options;
        var unread = _world.Messages.UnreadCount(caller.UserId);
        List<AccountLogEntry> taken;
        T.Updates.State state;
        bool slice;
        using (_gate.Enter())
        {
            var a = Stream(caller.UserId);
            if (pts > a.Pts || qts > a.Qts)
                return new T.Updates.DifferenceTooLong { Pts = a.Pts };
            if (pts == a.Pts && qts == a.Qts)
                return new T.Updates.DifferenceEmpty { Date = Now, Seq = a.Seq };
            var pending = a.Pts - pts;
            if (pts < a.Log.TrimmedPts || qts < a.Log.TrimmedQts || pending > options.DifferenceTooLong || (request.PtsTotalLimit is > 0 and var total && pending > total))
                return new T.Updates.DifferenceTooLong { Pts = a.Pts };
            var entries = a.Log.Entries.Where(e => e.Kind switch
            {
                LogKind.Pts => e.Pts > pts,
                LogKind.Qts => e.Qts > qts,
                _ => e.Pts > pts || e.Qts > qts,
            }).ToList();
            if (entries.Count == 0)
                return new T.Updates.DifferenceEmpty { Date = Now, Seq = a.Seq };
            var limit = Math.Max(1, options.DifferenceSliceSize);
            if (request.PtsLimit is > 0 and var pl)
                limit = Math.Min(limit, pl);
            if (request.QtsLimit is > 0 and var ql)
                limit = Math.Min(limit, ql);
            slice = entries.Count > limit;
            taken = slice ? entries.Take(limit).ToList() : entries;
            state = slice ? StateAt(a, taken[^1].Pts, taken[^1].Qts, unread) : StateAt(a, a.Pts, a.Qts, unread);
        }
        // The views come from the peers and chats services, earlier in the lock order: built after letting go.
        var newMessages = taken.Where(e => e.NewMessage is not null && e.Update is T.UpdateNewMessage).Select(e => e.NewMessage!).ToArray();
        var otherUpdates = taken.Where(e => e.Update is not T.UpdateNewMessage).Select(e => e.Update).ToArray();
        var (users, chats) = _world.Peers.Views(caller.UserId, taken.SelectMany(e => e.Refs));
        if (!slice)
            return new T.Updates.Difference { NewMessages = newMessages, NewEncryptedMessages = [], OtherUpdates = otherUpdates, Chats = chats, Users = users, State = state };
        return new T.Updates.DifferenceSlice
        {
            NewMessages = newMessages,
            NewEncryptedMessages = [],
            OtherUpdates = otherUpdates,
            Chats = chats,
            Users = users,
            IntermediateState = state,
        };
    }

    /// <summary>
    /// updates.getChannelDifference from the client's channel pts: channelDifferenceEmpty when up to date,
    /// channelDifference with at most limit updates (final when nothing remains),
    /// channelDifferenceTooLong (the dialog and the latest messages) when too far behind. The channel's
    /// log belongs to the chats service, which hands over what is pending.
    /// </summary>
    public Tl.Abcs.Updates.ChannelDifference GetChannelDifference(Caller caller, F.GetChannelDifference request)
    {
        var viewerId = caller.UserId;
        var isBot = _world.Peers.IsBot(viewerId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        var pts = request.Pts;
        var log = _world.Chats.ChannelLogAfter(viewerId, channelId, pts, _world.Options.ChannelDifferenceTooLong);
        var limit = Math.Clamp(request.Limit, 1, isBot ? TelegramWorld.ChannelDifferenceLimitBot : TelegramWorld.ChannelDifferenceLimitUser);
        var timeout = _world.Options.ChannelDifferenceTimeout;
        if (pts == log.Pts)
            return new T.Updates.ChannelDifferenceEmpty { Final = true, Pts = log.Pts, Timeout = timeout };
        if (log.Pending is not { } pendingEntries)
        {
            var top = _world.Chats.ChannelTop(viewerId, channelId, limit);
            return new T.Updates.ChannelDifferenceTooLong
            {
                Final = true,
                Timeout = timeout,
                Dialog = top.Dialog,
                Messages = top.Messages,
                Chats = top.Views.Chats,
                Users = top.Views.Users,
            };
        }
        var channelPeer = new PeerKey(PeerKind.Channel, channelId);
        var taken = pendingEntries.Take(limit).ToList();
        var ranges = request.Filter is T.ChannelMessagesFilter f ? f : null;
        var newMessages = new List<Message>();
        var otherUpdates = new List<Update>();
        var refs = new List<PeerKey> { channelPeer };
        foreach (var entry in taken)
        {
            if (entry.Message is { } m)
                refs.Add(new PeerKey(PeerKind.User, m.FromId));
            if (entry.Message?.Forward is { } forward)
                refs.AddRange(forward.Refs());
            if (entry.Event == ChannelEvent.NewMessage)
            {
                if (ranges is null || (!ranges.ExcludeNewMessages && InRanges(ranges, entry.Message!.Id)))
                    newMessages.Add(ChatsService.ChannelMessageView(channelId, log.Broadcast, entry.Message!, viewerId));
            }
            else
            {
                otherUpdates.Add(ChatsService.ChannelUpdate(channelId, log.Broadcast, entry.Event, entry.Message, entry.Ids, entry.Pts, entry.PtsCount, viewerId));
            }
        }
        var (users, chats) = _world.Peers.Views(viewerId, refs);
        return new T.Updates.ChannelDifference
        {
            Final = taken.Count == pendingEntries.Count,
            Pts = taken[^1].Pts,
            Timeout = timeout,
            NewMessages = [.. newMessages],
            OtherUpdates = [.. otherUpdates],
            Chats = chats,
            Users = users,
        };
    }

    private static bool InRanges(T.ChannelMessagesFilter filter, int id)
    {
        if (filter.Ranges.Length == 0)
            return true;
        foreach (var range in filter.Ranges)
        {
            if (range is T.MessageRange r && id >= r.MinId && id <= r.MaxId)
                return true;
        }
        return false;
    }
}
