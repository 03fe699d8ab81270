using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Transport;

namespace Telethon;

/// <summary>
/// The options of a <see cref="Client"/> (Telethon v2's constructor arguments, in C# form). Everything but
/// <see cref="ApiId"/> and <see cref="ApiHash"/> has a default: without <see cref="DataCenters"/> and
/// <see cref="ServerKeys"/> the account talks to Telegram's production DCs (<see cref="TelegramDataCenters.Production"/>,
/// <see cref="TelegramServerKeys.Production"/>), or to its test DCs with <see cref="UseTestDataCenters"/>. A server of
/// your own (the test server hands out <c>TestServerHost.Dcs</c> and <c>PublicKey</c>) is given through both lists.
/// </summary>
public sealed record ClientOptions
{
    // Telegram's test DCs are named in the auth-key exchange by their id plus this (as TDLib does).
    private const int TestDcIdOffset = 10_000;

    // Each part in flight holds up to 1 MiB (a download request's answer); more than this buys nothing on one connection.
    private const int MaxFilePartsInFlight = 64;

    /// <summary>The api_id of the application.</summary>
    public int ApiId { get; init; }

    /// <summary>The api_hash of the application.</summary>
    public string ApiHash { get; init; } = "";

    /// <summary>
    /// Where each DC listens. Empty (the default): Telegram's own, <see cref="TelegramDataCenters.Production"/>, or
    /// <see cref="TelegramDataCenters.Test"/> with <see cref="UseTestDataCenters"/>. Give
    /// <see cref="TelegramDataCenters.ProductionIPv6"/> to connect over IPv6.
    /// </summary>
    public IReadOnlyList<DcAddress> DataCenters { get; init; } = [];

    /// <summary>
    /// The servers' RSA public keys for the auth-key exchange. Empty (the default): Telegram's own,
    /// <see cref="TelegramServerKeys.Production"/>, or <see cref="TelegramServerKeys.Test"/> with <see cref="UseTestDataCenters"/>.
    /// </summary>
    public IReadOnlyList<RsaPublicKey> ServerKeys { get; init; } = [];

    /// <summary>
    /// Talk to Telegram's test DCs instead of the production ones: a separate Telegram with its own accounts, where the
    /// numbers 99966XYYYY (X the DC, 1 to 3) sign in with the code XXXXX. The defaults of <see cref="DataCenters"/> and
    /// <see cref="ServerKeys"/> become the test ones, and the auth-key exchange names the DC as a test DC (its id plus
    /// 10000) as Telegram requires, also when the addresses are given (through a proxy, say). Do not mix: a session made
    /// on one side has keys and a user the other side does not know.
    /// </summary>
    public bool UseTestDataCenters { get; init; }

    /// <summary>
    /// The DC a session that has no home DC yet starts on (a <c>*_MIGRATE_X</c> answer or a sign-in then stores its home
    /// DC, which later runs go back to). 2 by default, as Telethon.
    /// </summary>
    public int InitialDataCenter { get; init; } = TelegramDataCenters.DefaultDataCenter;

    /// <summary>
    /// The DC to connect to whatever the session says: it wins over the session's stored home DC (and over
    /// <see cref="InitialDataCenter"/>) each time the account starts. Telethon's <c>datacenter</c>, "useful to connect to one of
    /// Telegram's test servers". It is not stored: a run without it goes back to the stored home DC, unless the account
    /// signed in (or was moved by a <c>*_MIGRATE_X</c> answer) meanwhile, which stores that DC as its home. The session's
    /// auth key for the DC is used, so do not point a session at another server's DC of the same id. Null (the default):
    /// no override.
    /// </summary>
    public int? DataCenter { get; init; }

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

    /// <summary>
    /// How many parts of one upload or download are in flight at once (upload.saveFilePart / saveBigFilePart of 512 KiB,
    /// upload.getFile of 1 MiB): while one part crosses the network, the next ones are being encrypted, sent and answered,
    /// so a transfer is not bound by the round trip. 4 by default: <c>telethon bench files</c> (100 MB against the test server
    /// in another process on loopback) measured 1, 2, 4 and 8 in flight, and 4 gave the best upload and download (8 no
    /// better), as Telegram's own apps keep 2 to 4 in flight; each part in flight holds up to 1 MiB. Between 1 and 64.
    /// </summary>
    public int FilePartsInFlight { get; init; } = 4;

    /// <summary>Where the client facade logs its connection, migration and sign-in steps; none by default (the actors log through Akka's logging).</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The DCs the account connects to: <see cref="DataCenters"/>, or Telegram's when none are given.</summary>
    internal IReadOnlyList<DcAddress> EffectiveDataCenters =>
        DataCenters.Count > 0 ? DataCenters : UseTestDataCenters ? TelegramDataCenters.Test : TelegramDataCenters.Production;

    /// <summary>The keys the auth-key exchange trusts: <see cref="ServerKeys"/>, or Telegram's when none are given.</summary>
    internal IReadOnlyList<RsaPublicKey> EffectiveServerKeys =>
        ServerKeys.Count > 0 ? ServerKeys : UseTestDataCenters ? TelegramServerKeys.Test : TelegramServerKeys.Production;

    /// <summary>The home DC of a run: the override, else the session's stored home, else <see cref="InitialDataCenter"/>.</summary>
    /// <param name="storedHomeDc">The home DC the session holds, if any.</param>
    internal int HomeDataCenter(int? storedHomeDc) => DataCenter ?? storedHomeDc ?? InitialDataCenter;

    /// <summary>The DC id the auth-key exchange puts in p_q_inner_data_dc: Telegram's test DCs are named by their id plus 10000.</summary>
    /// <param name="dcId">The DC connected to.</param>
    internal int HandshakeDcId(int dcId) => UseTestDataCenters ? dcId + TestDcIdOffset : dcId;

    /// <summary>Checks the options an account cannot run with.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (DataCenters is null)
            throw new ArgumentException("DataCenters cannot be null (leave it empty for Telegram's).", nameof(DataCenters));
        if (ServerKeys is null)
            throw new ArgumentException("ServerKeys cannot be null (leave it empty for Telegram's).", nameof(ServerKeys));
        if (InitialDataCenter < 1)
            throw new ArgumentException($"InitialDataCenter must be a positive DC id, not {InitialDataCenter}.", nameof(InitialDataCenter));
        if (DataCenter is < 1)
            throw new ArgumentException($"DataCenter must be a positive DC id (or null for none), not {DataCenter}.", nameof(DataCenter));
        if (DataCenter is { } forced && !HasAddress(forced))
            throw new ArgumentException(
                $"DataCenter is DC {forced}, which is not among the data centers ({string.Join(", ", EffectiveDataCenters.Select(d => d.DcId).Distinct())}).",
                nameof(DataCenter));
        if (UpdateQueueLimit is < 1)
            throw new ArgumentException("UpdateQueueLimit must be at least 1 (or null for no limit).", nameof(UpdateQueueLimit));
        if (HandlerTimeout is { } handlerTimeout && handlerTimeout <= TimeSpan.Zero)
            throw new ArgumentException("HandlerTimeout must be positive (or null for none).", nameof(HandlerTimeout));
        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentException("RequestTimeout must be positive.", nameof(RequestTimeout));
        if (FloodSleepThreshold < TimeSpan.Zero)
            throw new ArgumentException("FloodSleepThreshold cannot be negative.", nameof(FloodSleepThreshold));
        if (FilePartsInFlight is < 1 or > MaxFilePartsInFlight)
            throw new ArgumentException($"FilePartsInFlight must be between 1 and {MaxFilePartsInFlight}, not {FilePartsInFlight}.", nameof(FilePartsInFlight));
        if (TemporaryKeyLifetime < TimeSpan.FromSeconds(1) || TemporaryKeyLifetime.TotalSeconds > int.MaxValue)
            throw new ArgumentException("TemporaryKeyLifetime must be between one second and int.MaxValue seconds.", nameof(TemporaryKeyLifetime));
    }

    private bool HasAddress(int dcId)
    {
        foreach (var address in EffectiveDataCenters)
        {
            if (address is not null && address.DcId == dcId)
                return true;
        }
        return false;
    }
}
