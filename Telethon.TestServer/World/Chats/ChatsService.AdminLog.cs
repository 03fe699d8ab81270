using Telethon.Tl.Abcs;
using FCh = Telethon.Tl.Functions.Channels;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    /// <summary>The most events one channels.getAdminLog answers with.</summary>
    public const int AdminLogLimitMax = 100;

    /// <summary>How many events a channel's admin log keeps (the oldest go first).</summary>
    public const int AdminLogCapacity = 10_000;

    private long _nextAdminLogId = 1;

    /// <summary>
    /// Appends an event to a channel's admin log (the one entry point for the other paths: message edits,
    /// deletions, pins, title changes). Takes the chats lock; call it with at most the messages or chats
    /// lock held. <paramref name="users"/> are the users the action names besides the actor.
    /// </summary>
    public void LogAdminAction(long channelId, long actorId, ChannelAdminLogEventAction action, params long[] users)
    {
        ArgumentNullException.ThrowIfNull(action);
        using (_gate.Enter())
        {
            if (_channels.TryGetValue(channelId, out var channel))
                LogAdminActionLocked(channel, actorId, action, users);
        }
    }

    private void LogAdminActionLocked(ChannelRecord channel, long actorId, ChannelAdminLogEventAction action, long[] users)
    {
        channel.AdminLog.Add(new AdminLogEntry(_nextAdminLogId++, Now, actorId, action, users));
        if (channel.AdminLog.Count > AdminLogCapacity)
            channel.AdminLog.RemoveAt(0);
    }

    /// <summary>A channel message as the admin log shows it: nobody's outgoing message, as it is at the time of the event.</summary>
    private static Message AdminLogView(ChannelRecord channel, ChannelMessage message) => ChannelMessageView(channel.Id, channel.Broadcast, message, 0);

    /// <summary>The user a message event names besides its actor: the message's author, when someone else.</summary>
    private static long[] AuthorOf(ChannelMessage message, long actorId) => message.FromId == actorId ? [] : [message.FromId];

    /// <summary>Logs who joined (the actor itself) or was invited (by the actor): one call from the paths that add members.</summary>
    private void LogMembership(ChannelRecord channel, long actorId, List<long> users)
    {
        foreach (var user in users)
        {
            if (user == actorId)
            {
                LogAdminActionLocked(channel, user, new T.ChannelAdminLogEventActionParticipantJoin(), []);
            }
            else
            {
                var info = channel.Members[user];
                LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionParticipantInvite { Participant = ParticipantView(channel, user, info, 0) }, [user]);
            }
        }
    }

    /// <summary>
    /// channels.getAdminLog: the channel's admin events, newest first, for its creator and admins; narrowed
    /// by a text query, an events filter, the admins who acted (an empty list: all) and an id window (max_id,
    /// min_id exclusive; 0: no bound).
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE, USER_ID_INVALID, CHAT_ADMIN_REQUIRED.</exception>
    public Tl.Abcs.Channels.AdminLogResults GetAdminLog(Caller caller, FCh.GetAdminLog request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        HashSet<long>? admins = null;
        if (request.Admins is { Length: > 0 } inputs)
        {
            admins = [];
            foreach (var input in inputs)
                admins.Add(_world.Peers.ResolveUser(viewerId, input));
        }
        var filter = request.EventsFilter as T.ChannelAdminLogEventsFilter;
        var limit = request.Limit <= 0 ? AdminLogLimitMax : Math.Min(request.Limit, AdminLogLimitMax);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            if (RightsOf(channel, viewerId) is null)
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            var candidates = new List<AdminLogEntry>();
            for (var i = channel.AdminLog.Count - 1; i >= 0; i--)
            {
                var entry = channel.AdminLog[i];
                if ((request.MaxId != 0 && entry.Id >= request.MaxId) || entry.Id <= request.MinId)
                    continue;
                if (admins is not null && !admins.Contains(entry.UserId))
                    continue;
                if (filter is not null && !InFilter(entry.Action, filter))
                    continue;
                candidates.Add(entry);
            }
            var query = string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim();
            var names = query is null
                ? null
                : _world.Peers.Views(viewerId, candidates.SelectMany(e => e.Users.Prepend(e.UserId)).Select(id => new PeerKey(PeerKind.User, id))).Users
                    .OfType<T.User>().ToDictionary(u => u.Id);
            var events = new List<AdminLogEntry>();
            foreach (var entry in candidates)
            {
                if (events.Count == limit)
                    break;
                if (names is null || entry.Users.Prepend(entry.UserId).Any(id => names.TryGetValue(id, out var u) && NameMatches(u, query)) || ActionText(entry.Action).Any(t => t.Contains(query!, StringComparison.OrdinalIgnoreCase)))
                    events.Add(entry);
            }
            var views = _world.Peers.Views(viewerId, events.SelectMany(e => e.Users.Prepend(e.UserId)).Select(id => new PeerKey(PeerKind.User, id))
                .Append(new PeerKey(PeerKind.Channel, channel.Id)));
            return new T.Channels.AdminLogResults
            {
                Events = [.. events.Select(e => new T.ChannelAdminLogEvent { Id = e.Id, Date = e.Date, UserId = e.UserId, Action = e.Action })],
                Chats = views.Chats,
                Users = views.Users,
            };
        }
    }

    /// <summary>Whether an event is of a kind the filter asks for (kinds as channelAdminLogEventsFilter names them).</summary>
    private static bool InFilter(ChannelAdminLogEventAction action, T.ChannelAdminLogEventsFilter f) => action switch
    {
        T.ChannelAdminLogEventActionParticipantJoin => f.Join,
        T.ChannelAdminLogEventActionParticipantLeave => f.Leave,
        T.ChannelAdminLogEventActionParticipantInvite => f.Invite,
        T.ChannelAdminLogEventActionParticipantToggleBan ban => ban.NewParticipant switch
        {
            T.ChannelParticipantBanned { Left: true } => f.Kick,
            T.ChannelParticipantBanned => f.Ban,
            _ => ban.PrevParticipant is T.ChannelParticipantBanned { Left: true } ? f.Unkick : f.Unban,
        },
        T.ChannelAdminLogEventActionParticipantToggleAdmin admin => admin.NewParticipant is T.ChannelParticipantAdmin or T.ChannelParticipantCreator ? f.Promote : f.Demote,
        T.ChannelAdminLogEventActionChangeTitle or T.ChannelAdminLogEventActionChangeAbout or T.ChannelAdminLogEventActionChangeUsername
            or T.ChannelAdminLogEventActionChangePhoto => f.Info,
        T.ChannelAdminLogEventActionDefaultBannedRights or T.ChannelAdminLogEventActionToggleInvites or T.ChannelAdminLogEventActionToggleSignatures
            or T.ChannelAdminLogEventActionTogglePreHistoryHidden or T.ChannelAdminLogEventActionToggleSlowMode => f.Settings,
        T.ChannelAdminLogEventActionUpdatePinned => f.Pinned,
        T.ChannelAdminLogEventActionEditMessage => f.Edit,
        T.ChannelAdminLogEventActionDeleteMessage => f.Delete,
        _ => false,
    };

    /// <summary>The texts of an event a query can match: titles and message texts.</summary>
    private static IEnumerable<string> ActionText(ChannelAdminLogEventAction action)
    {
        switch (action)
        {
            case T.ChannelAdminLogEventActionChangeTitle title:
                yield return title.PrevValue;
                yield return title.NewValue;
                break;
            case T.ChannelAdminLogEventActionEditMessage edit:
                if (edit.PrevMessage is T.Message before)
                    yield return before.MessageValue;
                if (edit.NewMessage is T.Message after)
                    yield return after.MessageValue;
                break;
            case T.ChannelAdminLogEventActionDeleteMessage { Message: T.Message deleted }:
                yield return deleted.MessageValue;
                break;
            case T.ChannelAdminLogEventActionUpdatePinned { Message: T.Message pinned }:
                yield return pinned.MessageValue;
                break;
        }
    }
}
