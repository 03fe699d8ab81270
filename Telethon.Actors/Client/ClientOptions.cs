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

    /// <summary>Events waiting for handlers beyond this are dropped with a warning; null for no limit (Telethon's <c>update_queue_limit</c>).</summary>
    public int? UpdateQueueLimit { get; init; }

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

    /// <summary>How long a request may take before it fails with <see cref="TimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the client facade logs its connection, migration and sign-in steps; none by default (the actors log through Akka's logging).</summary>
    public ILogger? Logger { get; init; }
}
