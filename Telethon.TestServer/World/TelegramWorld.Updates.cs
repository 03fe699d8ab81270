using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

public sealed partial class TelegramWorld
{
    /// <summary>The most updates a user (not a bot) gets per updates.getChannelDifference.</summary>
    public const int ChannelDifferenceLimitUser = 100;

    /// <summary>The most updates a bot gets per updates.getChannelDifference.</summary>
    public const int ChannelDifferenceLimitBot = 100_000;

    /// <summary>The account's update state (pts, qts, seq) as updates.getState answers it.</summary>
    public Tl.Abcs.Updates.State GetState(Caller caller) => Locked(() => State(UserOrThrow(caller.UserId)));

    private T.Updates.State State(UserAccount a) => StateAt(a, a.Pts, a.Qts);

    private T.Updates.State StateAt(UserAccount a, int pts, int qts) => new()
    {
        Pts = pts,
        Qts = qts,
        Date = Now,
        Seq = a.Seq,
        UnreadCount = UnreadCount(a),
    };

    private int UnreadCount(UserAccount a)
    {
        var unread = 0;
        foreach (var state in a.Dialogs.Values)
        {
            foreach (var id in state.MessageIds.GetViewBetween(state.ReadInboxMaxId + 1, int.MaxValue))
            {
                if (!a.Messages[id].Out)
                    unread++;
            }
        }
        return unread;
    }

    /// <summary>
    /// updates.getDifference from the client's (pts, qts): differenceEmpty when nothing is pending;
    /// updates.difference with every logged update after it; differenceSlice (with the intermediate
    /// state) beyond <see cref="WorldOptions.DifferenceSliceSize"/> updates or <paramref name="ptsLimit"/>;
    /// differenceTooLong when more than <see cref="WorldOptions.DifferenceTooLong"/> pts (or
    /// <paramref name="ptsTotalLimit"/>) are pending or the log no longer reaches back that far. Updates
    /// without pts or qts (updateChannel, ...) come along when they happened after the client's position.
    /// </summary>
    public Tl.Abcs.Updates.Difference GetDifference(Caller caller, int pts, int qts, int? ptsLimit = null, int? ptsTotalLimit = null, int? qtsLimit = null) =>
        Locked<Tl.Abcs.Updates.Difference>(() =>
        {
            var a = UserOrThrow(caller.UserId);
            if (pts > a.Pts || qts > a.Qts)
                return new T.Updates.DifferenceTooLong { Pts = a.Pts };
            if (pts == a.Pts && qts == a.Qts)
                return new T.Updates.DifferenceEmpty { Date = Now, Seq = a.Seq };
            var pending = a.Pts - pts;
            if (pts < a.Log.TrimmedPts || qts < a.Log.TrimmedQts || pending > _options.DifferenceTooLong || (ptsTotalLimit is > 0 and var total && pending > total))
                return new T.Updates.DifferenceTooLong { Pts = a.Pts };
            var entries = a.Log.Entries.Where(e => e.Kind switch
            {
                LogKind.Pts => e.Pts > pts,
                LogKind.Qts => e.Qts > qts,
                _ => e.Pts > pts || e.Qts > qts,
            }).ToList();
            if (entries.Count == 0)
                return new T.Updates.DifferenceEmpty { Date = Now, Seq = a.Seq };
            var limit = Math.Max(1, _options.DifferenceSliceSize);
            if (ptsLimit is > 0 and var pl)
                limit = Math.Min(limit, pl);
            if (qtsLimit is > 0 and var ql)
                limit = Math.Min(limit, ql);
            var slice = entries.Count > limit;
            var taken = slice ? entries.Take(limit).ToList() : entries;
            var newMessages = taken.Where(e => e.NewMessage is not null && e.Update is T.UpdateNewMessage).Select(e => e.NewMessage!).ToArray();
            var otherUpdates = taken.Where(e => e.Update is not T.UpdateNewMessage).Select(e => e.Update).ToArray();
            var (users, chats) = Entities(a, taken.SelectMany(e => e.Refs));
            if (!slice)
                return new T.Updates.Difference { NewMessages = newMessages, NewEncryptedMessages = [], OtherUpdates = otherUpdates, Chats = chats, Users = users, State = State(a) };
            var last = taken[^1];
            return new T.Updates.DifferenceSlice
            {
                NewMessages = newMessages,
                NewEncryptedMessages = [],
                OtherUpdates = otherUpdates,
                Chats = chats,
                Users = users,
                IntermediateState = StateAt(a, last.Pts, last.Qts),
            };
        });

    /// <summary>
    /// updates.getChannelDifference from the client's channel pts: channelDifferenceEmpty when up to date,
    /// channelDifference with at most <paramref name="limit"/> updates (final when nothing remains),
    /// channelDifferenceTooLong (the dialog and the latest messages) when too far behind.
    /// </summary>
    public Tl.Abcs.Updates.ChannelDifference GetChannelDifference(Caller caller, InputChannel input, ChannelMessagesFilter? filter, int pts, int limit) =>
        Locked<Tl.Abcs.Updates.ChannelDifference>(() =>
        {
            var viewer = UserOrThrow(caller.UserId);
            var channel = ResolveChannel(viewer, input);
            EnsureCanRead(channel, viewer);
            if (pts <= 0)
                throw WorldErrors.Bad("PERSISTENT_TIMESTAMP_EMPTY");
            if (pts > channel.Pts)
                throw WorldErrors.Bad("PERSISTENT_TIMESTAMP_INVALID");
            limit = Math.Clamp(limit, 1, viewer.IsBot ? ChannelDifferenceLimitBot : ChannelDifferenceLimitUser);
            var timeout = _options.ChannelDifferenceTimeout;
            if (pts == channel.Pts)
                return new T.Updates.ChannelDifferenceEmpty { Final = true, Pts = channel.Pts, Timeout = timeout };
            var channelPeer = new PeerKey(PeerKind.Channel, channel.Id);
            if (pts < channel.Log.TrimmedPts || channel.Pts - pts > _options.ChannelDifferenceTooLong)
            {
                var latest = channel.Messages.Values.Reverse().Take(limit).ToList();
                var read = channel.ReadInboxMaxId.GetValueOrDefault(viewer.Id);
                var dialog = new T.Dialog
                {
                    Peer = channelPeer.ToPeer(),
                    TopMessage = latest.Count > 0 ? latest[0].Id : 0,
                    ReadInboxMaxId = read,
                    ReadOutboxMaxId = channel.ReadOutboxMaxId,
                    UnreadCount = channel.Messages.Values.Count(m => m.Id > read && m.FromId != viewer.Id),
                    NotifySettings = new T.PeerNotifySettings(),
                    Pts = channel.Pts,
                };
                var (u, c) = Entities(viewer, latest.Select(m => new PeerKey(PeerKind.User, m.FromId)).Append(channelPeer));
                return new T.Updates.ChannelDifferenceTooLong
                {
                    Final = true,
                    Timeout = timeout,
                    Dialog = dialog,
                    Messages = [.. latest.Select(m => ChannelMessageView(channel, m, viewer.Id))],
                    Chats = c,
                    Users = u,
                };
            }
            var pendingEntries = channel.Log.Entries.Where(e => e.Pts > pts).ToList();
            var taken = pendingEntries.Take(limit).ToList();
            var ranges = filter is T.ChannelMessagesFilter f ? f : null;
            var newMessages = new List<Message>();
            var otherUpdates = new List<Update>();
            var refs = new List<PeerKey> { channelPeer };
            foreach (var entry in taken)
            {
                if (entry.Message is { } m)
                    refs.Add(new PeerKey(PeerKind.User, m.FromId));
                if (entry.Event == ChannelEvent.NewMessage)
                {
                    if (ranges is null || (!ranges.ExcludeNewMessages && InRanges(ranges, entry.Message!.Id)))
                        newMessages.Add(ChannelMessageView(channel, entry.Message!, viewer.Id));
                }
                else
                {
                    otherUpdates.Add(ChannelUpdate(channel, entry.Event, entry.Message, entry.Ids, entry.Pts, entry.PtsCount, viewer.Id));
                }
            }
            var (users, chats) = Entities(viewer, refs);
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
        });

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
