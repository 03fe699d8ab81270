using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes for message events whose message the account sent. In broadcast channels this does not tell
/// whether this very client produced the update.</summary>
public sealed class OutgoingFilter : Filter
{
    /// <inheritdoc />
    public override bool Matches(Event e) => e is MessageEvent { IsOutgoing: true };

    /// <inheritdoc />
    public override string ToString() => "Outgoing";
}
