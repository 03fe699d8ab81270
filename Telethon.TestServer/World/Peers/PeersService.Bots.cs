namespace Telethon.TestServer.World;

/// <summary>The peers service's part of bot interaction: bots' inline mode.</summary>
internal sealed partial class PeersService
{
    /// <summary>Turns a bot's inline mode on (with its placeholder) or off (null).</summary>
    /// <exception cref="ArgumentException">The user is not a bot, or the placeholder is empty.</exception>
    public void SetInlinePlaceholder(long botId, string? placeholder)
    {
        if (placeholder is { Length: 0 })
            throw new ArgumentException("An inline placeholder cannot be empty; pass null to turn inline mode off.", nameof(placeholder));
        using (_gate.Enter())
        {
            if (!_users.TryGetValue(botId, out var user) || !user.IsBot)
                throw new ArgumentException($"{botId} is not a bot.", nameof(botId));
            user.InlinePlaceholder = placeholder;
        }
    }

    /// <summary>A bot's inline placeholder, or null when the user is not a bot or has no inline mode.</summary>
    public string? InlinePlaceholder(long userId)
    {
        using (_gate.Enter())
            return _users.TryGetValue(userId, out var user) && user.IsBot ? user.InlinePlaceholder : null;
    }
}
