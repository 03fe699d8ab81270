using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes for message events whose message others sent to the account.</summary>
public sealed class IncomingFilter : Filter
{
    /// <inheritdoc />
    public override bool Matches(Event e) => e is MessageEvent { IsIncoming: true };

    /// <inheritdoc />
    public override string ToString() => "Incoming";
}
