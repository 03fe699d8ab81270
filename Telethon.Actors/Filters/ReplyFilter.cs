using Telethon.Events;
using TlMessage = Telethon.Tl.Types.Message;
using TlMessageReplyHeader = Telethon.Tl.Types.MessageReplyHeader;

namespace Telethon.Filters;

/// <summary>
/// Passes for message events whose message is a reply to another message (Telethon's <c>Reply</c>: the message has the
/// id of the message it replies to, in the same chat or another). Service messages, replies to stories and other events
/// never pass.
/// </summary>
public sealed class ReplyFilter : Filter
{
    /// <inheritdoc />
    public override bool Matches(Event e) =>
        e is MessageEvent { Message.Raw: TlMessage { ReplyTo: TlMessageReplyHeader { ReplyToMsgId: not null } } };

    /// <inheritdoc />
    public override string ToString() => "Reply";
}
