using Telethon.Crypto;
using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>The kind of a peer.</summary>
public enum PeerKind
{
    /// <summary>A user or bot.</summary>
    User,

    /// <summary>A small group (messages.createChat).</summary>
    Chat,

    /// <summary>A supergroup or broadcast channel.</summary>
    Channel,
}

/// <summary>A peer by kind and id.</summary>
public readonly record struct PeerKey(PeerKind Kind, long Id)
{
    /// <summary>The TL peer.</summary>
    public Peer ToPeer() => Kind switch
    {
        PeerKind.User => new Tl.Types.PeerUser { UserId = Id },
        PeerKind.Chat => new Tl.Types.PeerChat { ChatId = Id },
        _ => new Tl.Types.PeerChannel { ChannelId = Id },
    };
}

/// <summary>A stored 2FA password: the SRP parameters and the verifier, never the password.</summary>
internal sealed class PasswordRecord(SrpParameters parameters, byte[] verifier, string? hint)
{
    public SrpParameters Parameters { get; } = parameters;
    public byte[] Verifier { get; } = verifier;
    public string? Hint { get; } = hint;
    public long SrpId { get; set; }
    public SrpServerChallenge? Challenge { get; set; }
}

/// <summary>A user or bot account with its message box and update state.</summary>
internal sealed class UserAccount(long id)
{
    public long Id { get; } = id;
    public bool IsBot { get; init; }
    public string? Phone { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Username { get; set; }
    public string About { get; set; } = "";
    public int HomeDc { get; set; }
    public string? BotSecret { get; set; }
    public int Date { get; set; }
    public PasswordRecord? Password { get; set; }
    public HashSet<long> Contacts { get; } = [];

    public int Pts { get; set; }
    public int Qts { get; set; }
    public int Seq { get; set; }
    public int NextMessageId { get; set; } = 1;
    public SortedDictionary<int, BoxMessage> Messages { get; } = [];
    public Dictionary<PeerKey, DialogState> Dialogs { get; } = [];
    public HashSet<long> Chats { get; } = [];
    public HashSet<long> Channels { get; } = [];
    public UpdateLog<AccountLogEntry> Log { get; set; } = new(1);
    public HashSet<long> RecentRandomIds { get; } = [];
    public Queue<long> RandomIdOrder { get; } = new();
}

/// <summary>Read marks and the message ids of one dialog of an account (private chat or small group).</summary>
internal sealed class DialogState
{
    public SortedSet<int> MessageIds { get; } = [];
    public int ReadInboxMaxId { get; set; }
    public int ReadOutboxMaxId { get; set; }
}

/// <summary>An account's own copy of a message of a private chat or small group, with the account's id.</summary>
internal sealed class BoxMessage
{
    public required int Id { get; init; }
    public required long Key { get; init; }
    public required PeerKey Dialog { get; init; }
    public required long FromId { get; init; }
    public required bool Out { get; init; }
    public required int Date { get; init; }
    public string Text { get; set; } = "";
    public MessageEntity[]? Entities { get; set; }
    public MessageAction? Action { get; init; }
    public int? EditDate { get; set; }
    public int? ReplyToId { get; init; }
}

/// <summary>A small group.</summary>
internal sealed class BasicGroup(long id)
{
    public long Id { get; } = id;
    public required string Title { get; set; }
    public required long CreatorId { get; init; }
    public required int Date { get; init; }
    public int Version { get; set; } = 1;
    public Dictionary<long, MemberInfo> Members { get; } = [];
    public HashSet<long> Former { get; } = [];
}

/// <summary>A member's role in a chat or channel (ready for admin rights).</summary>
public enum MemberRole
{
    /// <summary>An ordinary member.</summary>
    Member,

    /// <summary>An administrator.</summary>
    Admin,

    /// <summary>The creator.</summary>
    Creator,
}

/// <summary>A member of a chat or channel.</summary>
internal sealed record MemberInfo(long InviterId, int Date, MemberRole Role)
{
    public Tl.Types.ChatAdminRights? AdminRights { get; init; }
}

/// <summary>A supergroup or broadcast channel, with its own message ids and pts.</summary>
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
    public UpdateLog<ChannelLogEntry> Log { get; set; } = new(1);
    public Dictionary<long, int> ReadInboxMaxId { get; } = [];
    public int ReadOutboxMaxId { get; set; }
}

/// <summary>A message of a channel (one id for everybody).</summary>
internal sealed class ChannelMessage
{
    public required int Id { get; init; }
    public required long FromId { get; init; }
    public required int Date { get; init; }
    public string Text { get; set; } = "";
    public MessageEntity[]? Entities { get; set; }
    public MessageAction? Action { get; init; }
    public int? EditDate { get; set; }
    public int? ReplyToId { get; init; }

    public ChannelMessage Snapshot() => new()
    {
        Id = Id, FromId = FromId, Date = Date, Text = Text, Entities = Entities, Action = Action, EditDate = EditDate, ReplyToId = ReplyToId,
    };
}

/// <summary>What an account-log entry advances.</summary>
internal enum LogKind
{
    Pts,
    Qts,
    Seq,
}

/// <summary>One update in an account's log (for updates.getDifference).</summary>
internal sealed record AccountLogEntry(LogKind Kind, int Pts, int PtsCount, int Qts, int Date, Update Update, Message? NewMessage, PeerKey[] Refs);

/// <summary>What a channel-log entry records.</summary>
internal enum ChannelEvent
{
    NewMessage,
    EditMessage,
    DeleteMessages,
}

/// <summary>
/// One update in a channel's log (for updates.getChannelDifference): the message as it was then (the
/// TL form depends on the viewer, e.g. its out flag, so it is built when read).
/// </summary>
internal sealed record ChannelLogEntry(int Pts, int PtsCount, ChannelEvent Event, ChannelMessage? Message, int[] Ids);

/// <summary>A bounded log that remembers how far it was trimmed.</summary>
internal sealed class UpdateLog<T>(int capacity)
{
    private readonly LinkedList<T> _entries = new();

    public int Capacity { get; } = Math.Max(1, capacity);

    /// <summary>The pts (and qts) after the newest dropped entry: a client behind them cannot be served from the log.</summary>
    public int TrimmedPts { get; private set; }

    public int TrimmedQts { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<T> Entries => _entries;

    public void Add(T entry, Func<T, (int Pts, int Qts)> position)
    {
        _entries.AddLast(entry);
        while (_entries.Count > Capacity)
        {
            var (pts, qts) = position(_entries.First!.Value);
            TrimmedPts = Math.Max(TrimmedPts, pts);
            TrimmedQts = Math.Max(TrimmedQts, qts);
            _entries.RemoveFirst();
        }
    }
}
