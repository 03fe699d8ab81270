using System.Globalization;
using Telethon.Model;

namespace Telethon.Events;

/// <summary>
/// Occurs when Telegram says updates are gone: it answered a difference with differenceTooLong (the account's updates
/// between <see cref="LocalPts"/> and <see cref="ServerPts"/>) or channelDifferenceTooLong (a channel's). Those updates
/// never reach the handlers; reload what you keep of the dialogs (or of the channel's history). The runtime also logs a
/// warning and counts it (<c>telethon.updates.lost</c>), and goes on from <see cref="ServerPts"/>.
/// </summary>
public sealed class UpdatesLost : Event
{
    private readonly Peer? _channel;

    /// <summary>Creates the event.</summary>
    /// <param name="context">The account that lost the updates.</param>
    /// <param name="channel">The channel whose updates are gone, or null for the account's own sequence.</param>
    /// <param name="localPts">The pts the account had.</param>
    /// <param name="serverPts">The pts it goes on from.</param>
    public UpdatesLost(IEventContext context, Peer? channel, int localPts, int serverPts)
        : base(context, null)
    {
        _channel = channel;
        LocalPts = localPts;
        ServerPts = serverPts;
    }

    /// <summary>The supergroup or broadcast channel whose updates are gone, or null for the account's own sequence.</summary>
    public override Peer? Chat => _channel;

    /// <summary>The pts the account had: updates after it were not delivered.</summary>
    public int LocalPts { get; }

    /// <summary>The pts update handling goes on from.</summary>
    public int ServerPts { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"UpdatesLost {{ Channel = {_channel?.Id.ToString(CultureInfo.InvariantCulture) ?? "none"}, Pts = {LocalPts} -> {ServerPts} }}");
}
