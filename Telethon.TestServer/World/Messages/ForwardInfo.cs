using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Where a forwarded message comes from (its <c>fwd_from</c> header): the original author (a user, or
/// the channel of a post), the original date and channel post id; for copies saved to Saved Messages
/// also the chat and message they were saved from. A forward of a forward keeps the first origin.
/// </summary>
/// <param name="From">The original author: a user, or the broadcast channel of a post.</param>
/// <param name="Date">The date of the original message.</param>
/// <param name="ChannelPost">The id of the original channel post, for posts.</param>
/// <param name="SavedFromPeer">The chat the message was saved from (forwards to Saved Messages only).</param>
/// <param name="SavedFromMsgId">The message id in <paramref name="SavedFromPeer"/>.</param>
internal sealed record ForwardInfo(PeerKey From, int Date, int? ChannelPost, PeerKey? SavedFromPeer = null, int? SavedFromMsgId = null)
{
    /// <summary>The TL header.</summary>
    public T.MessageFwdHeader ToHeader() => new()
    {
        FromId = From.ToPeer(),
        Date = Date,
        ChannelPost = ChannelPost,
        SavedFromPeer = SavedFromPeer?.ToPeer(),
        SavedFromMsgId = SavedFromMsgId,
    };

    /// <summary>The peers the header names (for the users and chats of an answer).</summary>
    public IEnumerable<PeerKey> Refs()
    {
        yield return From;
        if (SavedFromPeer is { } saved)
            yield return saved;
    }
}
