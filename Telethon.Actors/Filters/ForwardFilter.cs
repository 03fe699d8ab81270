using Telethon.Events;
using TlMessage = Telethon.Tl.Types.Message;

namespace Telethon.Filters;

/// <summary>
/// Passes for message events whose message was forwarded from elsewhere (Telethon's <c>Forward</c>: the message carries
/// forward information). Other events never pass.
/// </summary>
public sealed class ForwardFilter : Filter
{
    /// <inheritdoc />
    public override bool Matches(Event e) => e is MessageEvent { Message.Raw: TlMessage { FwdFrom: not null } };

    /// <inheritdoc />
    public override string ToString() => "Forward";
}
