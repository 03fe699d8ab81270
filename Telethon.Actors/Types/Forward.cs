using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>Where a forwarded message came from (Telegram's <c>messageFwdHeader</c>).</summary>
/// <param name="Sender">Who sent the original message (a user, or the channel of a post), when they allow linking to
/// them; the reference has no authorization (the session supplies it when it knows the peer).</param>
/// <param name="SenderName">The original sender's name, when they hide their account (then <paramref name="Sender"/> is
/// null).</param>
/// <param name="Date">When the original message was sent.</param>
/// <param name="ChannelPostId">The id of the original post, when it comes from a channel.</param>
/// <param name="PostAuthor">The signature of the original post's author, when the channel signs posts.</param>
public sealed record Forward(PeerRef? Sender, string? SenderName, DateTimeOffset Date, int? ChannelPostId, string? PostAuthor)
{
    /// <summary>The forward information of a TL header.</summary>
    internal static Forward FromTl(TlTypes.MessageFwdHeader header) => new(
        header.FromId switch
        {
            TlTypes.PeerUser u => new UserRef(u.UserId),
            TlTypes.PeerChat c => new GroupRef(c.ChatId),
            TlTypes.PeerChannel c => new ChannelRef(c.ChannelId),
            _ => null,
        },
        header.FromName,
        DateTimeOffset.FromUnixTimeSeconds(header.Date),
        header.ChannelPost,
        header.PostAuthor);
}
