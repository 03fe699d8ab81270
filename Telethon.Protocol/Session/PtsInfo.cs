using Telethon.Tl.Types;
using MessageBase = Telethon.Tl.Abcs.Message;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Session;

/// <summary>Which sequence an update belongs to.</summary>
internal enum PtsKind : byte
{
    /// <summary>No sequence: the update passes straight through.</summary>
    None,

    /// <summary>The account pts.</summary>
    Account,

    /// <summary>The account qts (count always 1).</summary>
    Secret,

    /// <summary>A channel's pts.</summary>
    Channel,

    /// <summary>updateChannelTooLong: the channel needs a difference.</summary>
    ChannelTooLong,
}

/// <summary>The sequence, pts (or qts) and count of one update.</summary>
internal readonly record struct PtsInfo(PtsKind Kind, long ChannelId, int Pts, int Count)
{
    private static PtsInfo Account(int pts, int count) => new(PtsKind.Account, 0, pts, count);

    private static PtsInfo Secret(int qts) => new(PtsKind.Secret, 0, qts, 1);

    private static PtsInfo Channel(long channelId, int pts, int count) => new(PtsKind.Channel, channelId, pts, count);

    private static PtsInfo ChannelOf(MessageBase message, int pts, int count) =>
        ChannelIdOf(message) is { } id ? Channel(id, pts, count) : default;

    /// <summary>The channel a message was posted in, if any.</summary>
    internal static long? ChannelIdOf(MessageBase message) => PeerOf(message) is PeerChannel channel ? channel.ChannelId : null;

    private static Tl.Abcs.Peer? PeerOf(MessageBase message) => message switch
    {
        Message m => m.PeerId,
        MessageService s => s.PeerId,
        MessageEmpty e => e.PeerId,
        _ => null,
    };

    /// <summary>Classifies an update (updates without pts or qts give <see cref="PtsKind.None"/>).</summary>
    public static PtsInfo Of(Update update) => update switch
    {
        UpdateNewMessage u => Account(u.Pts, u.PtsCount),
        UpdateDeleteMessages u => Account(u.Pts, u.PtsCount),
        UpdateEditMessage u => Account(u.Pts, u.PtsCount),
        UpdateReadHistoryInbox u => Account(u.Pts, u.PtsCount),
        UpdateReadHistoryOutbox u => Account(u.Pts, u.PtsCount),
        UpdateWebPage u => Account(u.Pts, u.PtsCount),
        UpdateReadMessagesContents u => Account(u.Pts, u.PtsCount),
        UpdateFolderPeers u => Account(u.Pts, u.PtsCount),
        UpdatePinnedMessages u => Account(u.Pts, u.PtsCount),

        UpdateNewChannelMessage u => ChannelOf(u.Message, u.Pts, u.PtsCount),
        UpdateEditChannelMessage u => ChannelOf(u.Message, u.Pts, u.PtsCount),
        UpdateDeleteChannelMessages u => Channel(u.ChannelId, u.Pts, u.PtsCount),
        UpdateChannelWebPage u => Channel(u.ChannelId, u.Pts, u.PtsCount),
        UpdatePinnedChannelMessages u => Channel(u.ChannelId, u.Pts, u.PtsCount),
        UpdateReadChannelInbox u => Channel(u.ChannelId, u.Pts, 0),
        UpdateChannelTooLong u => new PtsInfo(PtsKind.ChannelTooLong, u.ChannelId, u.Pts ?? 0, 0),

        UpdateNewEncryptedMessage u => Secret(u.Qts),
        UpdateMessagePollVote u => Secret(u.Qts),
        UpdateChatParticipant u => Secret(u.Qts),
        UpdateChannelParticipant u => Secret(u.Qts),
        UpdateBotStopped u => Secret(u.Qts),
        UpdateBotChatInviteRequester u => Secret(u.Qts),
        UpdateBotChatBoost u => Secret(u.Qts),
        UpdateBotMessageReaction u => Secret(u.Qts),
        UpdateBotMessageReactions u => Secret(u.Qts),
        UpdateBotBusinessConnect u => Secret(u.Qts),
        UpdateBotNewBusinessMessage u => Secret(u.Qts),
        UpdateBotEditBusinessMessage u => Secret(u.Qts),
        UpdateBotDeleteBusinessMessage u => Secret(u.Qts),
        UpdateBotPurchasedPaidMedia u => Secret(u.Qts),

        _ => default,
    };
}
