using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>
/// What an account keeps about its dialogs besides their messages (private chats, small groups and
/// channels alike): drafts, pinned dialogs per folder and the peer folder of each archived dialog.
/// Part of the account's <see cref="MessageBox"/>, under the messages lock.
/// </summary>
internal sealed class DialogMarks
{
    /// <summary>The folder of the main list.</summary>
    public const int MainFolder = 0;

    /// <summary>The archive folder.</summary>
    public const int ArchiveFolder = 1;

    /// <summary>The saved drafts (never draftMessageEmpty: a cleared draft is removed).</summary>
    public Dictionary<PeerKey, Tl.Types.DraftMessage> Drafts { get; } = [];

    /// <summary>The pinned dialogs of the main list, in pin order (latest pinned first).</summary>
    public List<PeerKey> PinnedMain { get; } = [];

    /// <summary>The pinned dialogs of the archive, in pin order (latest pinned first).</summary>
    public List<PeerKey> PinnedArchive { get; } = [];

    /// <summary>The private chats and small groups whose history was cleared with just_clear (they stay listed), with the date.</summary>
    public Dictionary<PeerKey, int> Cleared { get; } = [];

    /// <summary>The dialogs moved to the archive (folder 1); the others are in the main list.</summary>
    public HashSet<PeerKey> Archived { get; } = [];

    /// <summary>The folder a dialog is in.</summary>
    public int FolderOf(PeerKey peer) => Archived.Contains(peer) ? ArchiveFolder : MainFolder;

    /// <summary>The pinned list of a folder.</summary>
    public List<PeerKey> Pinned(int folder) => folder == ArchiveFolder ? PinnedArchive : PinnedMain;

    /// <summary>The draft of a dialog as a Dialog carries it, or null.</summary>
    public DraftMessage? DraftOf(PeerKey peer) => Drafts.TryGetValue(peer, out var draft) ? draft : null;
}
