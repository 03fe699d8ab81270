using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Transport;

namespace Telethon;

/// <summary>
/// The options of a <see cref="Client"/> (Telethon v2's constructor arguments, in C# form). Everything has a
/// default except where to connect: <see cref="DataCenters"/> and <see cref="ServerKeys"/>, which the test
/// server hands out (<c>TestServerHost.Dcs</c>, <c>PublicKey</c>) and which for Telegram are its published DCs and keys.
/// </summary>
public sealed record ClientOptions
{
    /// <summary>The api_id of the application.</summary>
    public int ApiId { get; init; }

    /// <summary>The api_hash of the application.</summary>
    public string ApiHash { get; init; } = "";

    /// <summary>Where each DC listens.</summary>
    public IReadOnlyList<DcAddress> DataCenters { get; init; } = [];

    /// <summary>The servers' RSA public keys for the auth-key exchange.</summary>
    public IReadOnlyList<RsaPublicKey> ServerKeys { get; init; } = [];

    /// <summary>The DC to start on when the session has none yet (a <c>*_MIGRATE_X</c> answer moves it). Telethon's <c>datacenter</c>.</summary>
    public int DataCenter { get; init; } = 2;

    /// <summary>Whether a restarted account fetches what it missed while offline (Telethon's <c>catch_up</c>).</summary>
    public bool CatchUp { get; init; }

    /// <summary>Whether every matching handler runs, not only the first (Telethon's <c>check_all_handlers</c>).</summary>
    public bool CheckAllHandlers { get; init; }

    /// <summary>FLOOD_WAIT up to this long is slept automatically; longer ones are raised (Telethon's <c>flood_sleep_threshold</c>).</summary>
    public TimeSpan FloodSleepThreshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many events may wait for the handlers (Telethon's <c>update_queue_limit</c>). Beyond it the account stops reading
    /// pushed updates, logs a warning now and then, and fetches what it set aside through getDifference once half the queue
    /// is handled: memory stays bounded and nothing is lost. Null for no limit.
    /// </summary>
    public int? UpdateQueueLimit { get; init; } = 1000;

    /// <summary>How long one handler may run before the next event goes on without it (it is logged and counted); null
    /// (the default, as in Telethon) for no limit. The late handler is not stopped.</summary>
    public TimeSpan? HandlerTimeout { get; init; }

    /// <summary>The device_model sent in initConnection.</summary>
    public string DeviceModel { get; init; } = RuntimeInformation.OSArchitecture.ToString();

    /// <summary>The system_version sent in initConnection.</summary>
    public string SystemVersion { get; init; } = RuntimeInformation.OSDescription;

    /// <summary>The app_version sent in initConnection.</summary>
    public string AppVersion { get; init; } = typeof(ClientOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0";

    /// <summary>The system_lang_code sent in initConnection.</summary>
    public string SystemLangCode { get; init; } = "en";

    /// <summary>The lang_code sent in initConnection.</summary>
    public string LangCode { get; init; } = "en";

    /// <summary>How connections are made (a proxy, say); TCP by default.</summary>
    public IDcConnector? Connector { get; init; }

    /// <summary>The transport framing.</summary>
    public TransportKind Transport { get; init; } = TransportKind.Intermediate;

    /// <summary>
    /// Perfect forward secrecy (core.telegram.org/api/pfs). The auth key kept in the session (the permanent key) then only
    /// binds temporary keys with auth.bindTempAuthKey: the account's MTProto session with a DC makes its own, keeps it in
    /// memory only (across reconnects, never in storage) and replaces it before it expires, and every request travels
    /// under it. Whoever later obtains the stored key cannot decrypt traffic recorded before. It costs one more key
    /// exchange per temporary key. Off by default (Telethon has no such option); a session made without it keeps working
    /// with it, and the other way round.
    /// </summary>
    public bool PerfectForwardSecrecy { get; init; }

    /// <summary>
    /// How long a temporary key lives with <see cref="PerfectForwardSecrecy"/> (its expires_in): a day by default, as
    /// Telegram's own apps use. The next key is made an hour before a key expires (half its lifetime before, for lifetimes
    /// under two hours), so requests never meet an expired key. At least one second.
    /// </summary>
    public TimeSpan TemporaryKeyLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long a request may take before it fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the client facade logs its connection, migration and sign-in steps; none by default (the actors log through Akka's logging).</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Checks the options an account cannot run with.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (UpdateQueueLimit is < 1)
            throw new ArgumentException("UpdateQueueLimit must be at least 1 (or null for no limit).", nameof(UpdateQueueLimit));
        if (HandlerTimeout is { } handlerTimeout && handlerTimeout <= TimeSpan.Zero)
            throw new ArgumentException("HandlerTimeout must be positive (or null for none).", nameof(HandlerTimeout));
        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        if (FloodSleepThreshold < TimeSpan.Zero)
            throw new ArgumentException("FloodSleepThreshold cannot be negative.", nameof(FloodSleepThreshold));
        if (TemporaryKeyLifetime < TimeSpan.FromSeconds(1) || TemporaryKeyLifetime.TotalSeconds > int.MaxValue)
            throw new ArgumentException("TemporaryKeyLifetime must be between one second and int.MaxValue seconds.", nameof(TemporaryKeyLifetime));
    }
}
