using Telethon.Crypto;

namespace Telethon.TestServer.World;

/// <summary>How a <see cref="TelegramWorld"/> behaves: DCs, limits of the update logs and differences, clock and randomness.</summary>
public sealed record WorldOptions
{
    /// <summary>The DC ids that exist (1 to 5 by default). Test phone numbers 99966XYYYY need X among them.</summary>
    public IReadOnlyList<int> DcIds { get; init; } = [1, 2, 3, 4, 5];

    /// <summary>The home DC of bots created without one (seeded or auto-created).</summary>
    public int DefaultBotDc { get; init; } = 2;

    /// <summary>The secret access hashes and export tokens derive from; random when null.</summary>
    public byte[]? WorldSecret { get; init; }

    /// <summary>Whether importBotAuthorization with an unknown but well-formed token creates that bot.</summary>
    public bool AllowBotAutocreate { get; init; }

    /// <summary>At most this many updates in one updates.difference; more give updates.differenceSlice.</summary>
    public int DifferenceSliceSize { get; init; } = 100;

    /// <summary>More than this many pending account pts give updates.differenceTooLong.</summary>
    public int DifferenceTooLong { get; init; } = 10_000;

    /// <summary>More than this many pending channel pts give updates.channelDifferenceTooLong.</summary>
    public int ChannelDifferenceTooLong { get; init; } = 10_000;

    /// <summary>Entries kept per account update log (older ones are dropped; a client behind them gets differenceTooLong).</summary>
    public int AccountLogCapacity { get; init; } = 20_000;

    /// <summary>Entries kept per channel update log.</summary>
    public int ChannelLogCapacity { get; init; } = 20_000;

    /// <summary>The timeout (seconds) updates.channelDifference* answers carry.</summary>
    public int ChannelDifferenceTimeout { get; init; } = 30;

    /// <summary>How long a login code stays valid.</summary>
    public TimeSpan PhoneCodeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an exported authorization can be imported.</summary>
    public TimeSpan ExportedAuthorizationLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long messages.getBotCallbackAnswer and messages.getInlineBotResults wait for the bot's answer before they
    /// answer 400 BOT_RESPONSE_TIMEOUT (on <see cref="Time"/>'s clock).
    /// </summary>
    public TimeSpan BotResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock (dates of messages, code expiry, flood windows).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Randomness for phone code hashes, export tokens, SRP and salts.</summary>
    public IRandomSource Random { get; init; } = SecureRandomSource.Instance;

    /// <summary>Receives one record per delivered update, or null.</summary>
    public IGroundTruthLog? GroundTruth { get; init; }

    /// <summary>Faults applied to update pushes (withhold, duplicate, reorder), or null for none.</summary>
    public Config.UpdateFaults? UpdateFaults { get; init; }

    /// <summary>
    /// The DC every stored photo and document lives on (its dc_id; upload.getFile elsewhere answers 303
    /// FILE_MIGRATE_X), or null for the home DC of the account that uploaded it. Must be one of <see cref="DcIds"/>.
    /// </summary>
    public int? FileDc { get; init; }

    /// <summary>
    /// The most bytes the world stores for files: uploaded parts plus stored files, in memory or in
    /// <see cref="FileFolder"/>. A part or file past it answers 400 FILE_STORAGE_FULL (a test-server limit, not a Telegram error).
    /// </summary>
    public long FileStorageLimit { get; init; } = 1L << 30;

    /// <summary>A folder to keep uploaded parts and files in (created if missing), or null to keep them in memory.</summary>
    public string? FileFolder { get; init; }

    /// <summary>Where the world reports problems it survived (a throwing sink); ignored when null.</summary>
    public Action<string>? Log { get; init; }
}
