using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>
/// An account's message box: its own copies of the messages of its private chats and small groups
/// (with the account's message ids), its dialogs, and the random ids it sent lately. Owned by the
/// <see cref="MessagesService"/>.
/// </summary>
internal sealed class MessageBox(long ownerId, bool ownerIsBot)
{
    public long OwnerId { get; } = ownerId;

    /// <summary>Whether the owner is a bot (fixed at registration; kept here so sending needs no other lock).</summary>
    public bool OwnerIsBot { get; } = ownerIsBot;
    public int NextMessageId { get; set; } = 1;
    public SortedDictionary<int, BoxMessage> Messages { get; } = [];
    public Dictionary<PeerKey, DialogState> Dialogs { get; } = [];
    public HashSet<long> RecentRandomIds { get; } = [];
    public Queue<long> RandomIdOrder { get; } = new();
    public DialogMarks Marks { get; } = new();
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
    /// <summary>The keyboard the message was sent (or last edited) with, as every viewer sees it; only bots' messages have one.</summary>
    public ReplyMarkup? ReplyMarkup { get; set; }

    /// <summary>The inline bot the message was sent through (messages.sendInlineBotResult), or null.</summary>
    public long? ViaBotId { get; set; }

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
    public ForwardInfo? Forward { get; set; }
    public long? GroupedId { get; set; }
    public bool Silent { get; set; }
    public bool Noforwards { get; set; }
    public bool Pinned { get; set; }

    /// <summary>The photo or document the message carries, or null.</summary>
    public StoredMedia? Media { get; set; }
}

/// <summary>One dialog of messages.getDialogs with what it is sorted by.</summary>
/// <param name="Peer">The dialog's peer.</param>
/// <param name="Date">The date of its top message.</param>
/// <param name="TopId">The id of its top message.</param>
/// <param name="Dialog">The dialog.</param>
/// <param name="Top">Its top message as the viewer sees it (null for a history cleared with just_clear).</param>
internal sealed record DialogEntry(PeerKey Peer, int Date, int TopId, Dialog Dialog, Message? Top);
