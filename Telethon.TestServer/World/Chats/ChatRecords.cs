using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>A small group: its members. Its messages live in the members' message boxes (<see cref="MessagesService"/>).</summary>
internal sealed class BasicGroup(long id)
{
    public long Id { get; } = id;
    public required string Title { get; set; }
    public required long CreatorId { get; init; }
    public required int Date { get; init; }
    public int Version { get; set; } = 1;
    public Dictionary<long, MemberInfo> Members { get; } = [];
    public HashSet<long> Former { get; } = [];
    public bool Noforwards { get; set; }
    public string About { get; set; } = "";

    /// <summary>The rights no ordinary member has (messages.editChatDefaultBannedRights), or null for none taken away.</summary>
    public T.ChatBannedRights? DefaultBannedRights { get; set; }
}

/// <summary>A member of a chat or channel.</summary>
internal sealed record MemberInfo(long InviterId, int Date, MemberRole Role)
{
    public Tl.Types.ChatAdminRights? AdminRights { get; init; }

    /// <summary>Who made the member an administrator (null: the creator, for admins seeded without one).</summary>
    public long? PromotedBy { get; init; }

    /// <summary>The administrator's custom title, if any.</summary>
    public string? Rank { get; init; }

    /// <summary>The rights taken away from this member (channels.editBanned), or null; see <see cref="ChatRights.IsActive"/>.</summary>
    public T.ChatBannedRights? BannedRights { get; init; }

    /// <summary>The administrator who restricted or banned the member.</summary>
    public long KickedBy { get; init; }
}

/// <summary>A supergroup or broadcast channel, with its own message ids, pts and update log.</summary>
internal sealed class ChannelRecord(long id)
{
    public long Id { get; } = id;
    public required string Title { get; set; }
    public string About { get; set; } = "";
    public string? Username { get; set; }
    public required bool Broadcast { get; init; }
    public bool Megagroup => !Broadcast;
    public required long CreatorId { get; init; }
    public required int Date { get; init; }
    public Dictionary<long, MemberInfo> Members { get; } = [];
    public int Pts { get; set; }
    public int NextMessageId { get; set; } = 1;
    public SortedDictionary<int, ChannelMessage> Messages { get; } = [];
    public required UpdateLog<ChannelLogEntry> Log { get; init; }
    public Dictionary<long, int> ReadInboxMaxId { get; } = [];
    /// <summary>Per member: up to which id its own messages were read by others (megagroups).</summary>
    public Dictionary<long, int> ReadOutboxMaxId { get; } = [];
    public bool Noforwards { get; set; }
    public Dictionary<long, int> AvailableMinId { get; } = [];

    /// <summary>Users banned with view_messages (kicked): no members, they may not read or rejoin while it lasts.</summary>
    public Dictionary<long, MemberInfo> Kicked { get; } = [];

    /// <summary>The rights no ordinary member has (messages.editChatDefaultBannedRights), or null for none taken away.</summary>
    public T.ChatBannedRights? DefaultBannedRights { get; set; }

    /// <summary>The admin log (channels.getAdminLog), oldest first.</summary>
    public List<AdminLogEntry> AdminLog { get; } = [];
}

/// <summary>One event of a channel's admin log: who did what, when.</summary>
/// <param name="Id">The event id (growing per world).</param>
/// <param name="Date">When.</param>
/// <param name="UserId">The administrator (or member, for joins and leaves) who acted.</param>
/// <param name="Action">What happened, in the form every viewer sees.</param>
/// <param name="Users">The users the action names besides the actor (for the users of the answer and the search).</param>
internal sealed record AdminLogEntry(long Id, int Date, long UserId, ChannelAdminLogEventAction Action, long[] Users);

/// <summary>A message of a channel (one id for everybody).</summary>
internal sealed class ChannelMessage
{
    /// <summary>The keyboard the message was sent (or last edited) with, as every viewer sees it; only bots' messages have one.</summary>
    public ReplyMarkup? ReplyMarkup { get; set; }

    /// <summary>The inline bot the message was sent through (messages.sendInlineBotResult), or null.</summary>
    public long? ViaBotId { get; set; }

    public required int Id { get; init; }
    public required long FromId { get; init; }
    public required int Date { get; init; }
    public string Text { get; set; } = "";
    public MessageEntity[]? Entities { get; set; }
    public MessageAction? Action { get; init; }
    public int? EditDate { get; set; }
    public int? ReplyToId { get; init; }
    public ForwardInfo? Forward { get; init; }
    public long? GroupedId { get; init; }
    public bool Silent { get; init; }
    public bool Noforwards { get; init; }
    public bool Pinned { get; set; }

    /// <summary>The photo or document the message carries, or null.</summary>
    public StoredMedia? Media { get; init; }

    public ChannelMessage Snapshot() => new()
    {
        Id = Id, FromId = FromId, Date = Date, Text = Text, Entities = Entities, Action = Action, EditDate = EditDate, ReplyToId = ReplyToId,
        Forward = Forward, GroupedId = GroupedId, Silent = Silent, Noforwards = Noforwards, Pinned = Pinned, Media = Media,
        ReplyMarkup = ReplyMarkup, ViaBotId = ViaBotId,
    };
}

/// <summary>What a channel-log entry records.</summary>
internal enum ChannelEvent
{
    NewMessage,
    EditMessage,
    DeleteMessages,
    PinMessages,
    UnpinMessages,
}

/// <summary>
/// One update in a channel's log (for updates.getChannelDifference): the message as it was then (the
/// TL form depends on the viewer, e.g. its out flag, so it is built when read).
/// </summary>
internal sealed record ChannelLogEntry(int Pts, int PtsCount, ChannelEvent Event, ChannelMessage? Message, int[] Ids);

/// <summary>A channel's log after a pts, copied out of the chats lock for updates.getChannelDifference.</summary>
/// <param name="Broadcast">Whether the channel is a broadcast channel (the message views depend on it).</param>
/// <param name="Pts">The channel's pts.</param>
/// <param name="Pending">The entries after the pts asked for, oldest first; null when too many are pending or the log no longer reaches back.</param>
internal sealed record ChannelLogSlice(bool Broadcast, int Pts, List<ChannelLogEntry>? Pending);

/// <summary>A channel's dialog and latest messages as one viewer sees them (updates.channelDifferenceTooLong).</summary>
internal sealed record ChannelTop(Dialog Dialog, Message[] Messages, PeerViews Views);

/// <summary>A small group just created: what the messages service needs to announce it.</summary>
/// <param name="Id">The chat id.</param>
/// <param name="Title">The (trimmed) title.</param>
/// <param name="Members">The members, creator first, in the order they were added.</param>
/// <param name="Participants">The participants as chatParticipants.</param>
internal sealed record NewGroup(long Id, string Title, long[] Members, T.ChatParticipants Participants);

/// <summary>One event of a channel operation, before it is numbered.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Message">The message, for new and edited messages.</param>
/// <param name="Ids">The message ids, for deletions and pins.</param>
internal sealed record ChannelChange(ChannelEvent Kind, ChannelMessage? Message, int[] Ids);
