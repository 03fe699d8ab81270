using System.Runtime.InteropServices;
using Akka.Actor;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Mtproto;

namespace Telethon.Sender;

/// <summary>How a <see cref="SenderActor"/> runs its MTProto session on one DC.</summary>
internal sealed record SenderOptions
{
    /// <summary>The connection: the DC's address, transport, connector (proxy) and reconnect backoff.</summary>
    public required DcConnectionOptions Connection { get; init; }

    /// <summary>The DC id (from <see cref="DcConnectionOptions.Address"/>).</summary>
    public int DcId => Connection.Address.DcId;

    /// <summary>The server RSA keys trusted for the auth-key exchange (unused when <see cref="AuthKey"/> is given).</summary>
    public IReadOnlyList<RsaPublicKey> PublicKeys { get; init; } = [];

    /// <summary>The DC id put in the auth-key exchange; null uses <see cref="DcId"/> (Telegram's test DCs add 10000, media DCs negate).</summary>
    public int? HandshakeDcId { get; init; }

    /// <summary>The 256-byte auth key of this DC, when one was made before; null runs the exchange and reports <see cref="AuthKeyCreated"/>.</summary>
    public byte[]? AuthKey { get; init; }

    /// <summary>
    /// Perfect forward secrecy: when set, <see cref="AuthKey"/> (or the key the sender makes and reports) is the permanent
    /// key, which only binds temporary keys of this lifetime (auth.bindTempAuthKey); those encrypt all traffic, are renewed
    /// before they expire, and are never reported. Null (the default): the traffic runs on the permanent key.
    /// </summary>
    public TimeSpan? TemporaryKeyLifetime { get; init; }

    /// <summary>The server salt to start with (persisted from <see cref="ServerSaltChanged"/>; 0 lets the server correct it).</summary>
    public long ServerSalt { get; init; }

    /// <summary>Where pushed updates (<see cref="Updates.UpdatesArrived"/>) and <see cref="SessionRestarted"/> go; null drops them.</summary>
    public IActorRef? UpdatesTarget { get; init; }

    /// <summary>The api_id of initConnection.</summary>
    public required int ApiId { get; init; }

    /// <summary>The device_model of initConnection.</summary>
    public string DeviceModel { get; init; } = RuntimeInformation.OSArchitecture.ToString();

    /// <summary>The system_version of initConnection.</summary>
    public string SystemVersion { get; init; } = RuntimeInformation.OSDescription;

    /// <summary>The app_version of initConnection.</summary>
    public string AppVersion { get; init; } = typeof(SenderOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0";

    /// <summary>The system_lang_code of initConnection.</summary>
    public string SystemLangCode { get; init; } = "en";

    /// <summary>The lang_pack of initConnection (empty for custom clients).</summary>
    public string LangPack { get; init; } = "";

    /// <summary>The lang_code of initConnection.</summary>
    public string LangCode { get; init; } = "en";

    /// <summary>The timeout of an <see cref="SenderInvoke"/> that names none; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// FLOOD_WAIT_X (and the other 420 waits) of at most this long are slept by the sender, which then sends the
    /// request again; longer ones (or ones that would outlast the request's timeout) are answered as <see cref="RpcError"/>.
    /// </summary>
    public TimeSpan FloodSleepThreshold { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often ping_delay_disconnect is sent; a ping still unanswered at the next one means a dead connection (reconnect).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The disconnect_delay of ping_delay_disconnect: the server closes the connection when no ping came for this long.</summary>
    public TimeSpan PingDisconnectDelay { get; init; } = TimeSpan.FromSeconds(75);

    /// <summary>How long acknowledgements may wait for another packet to ride on before they are sent alone.</summary>
    public TimeSpan AckDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the auth-key exchange may take on one connection before the sender reconnects and starts it again.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many packets may wait in the connection (written or queued) before the sender stops packing. Requests that
    /// arrive meanwhile gather in the session and leave together in one container.
    /// </summary>
    public int MaxFramesInFlight { get; init; } = 2;

    /// <summary>
    /// The most calls waiting for an answer (queued, sent, or sleeping a flood wait). A <see cref="SenderInvoke"/>
    /// beyond it is answered at once with a <see cref="SenderFailure"/> carrying an <see cref="InvalidOperationException"/>.
    /// </summary>
    public int MaxPendingCalls { get; init; } = 10_000;

    /// <summary>Where the auth-key exchange's random bytes come from (nonces, RSA padding, the DH exponent).</summary>
    public IRandomSource HandshakeRandom { get; init; } = SecureRandomSource.Instance;

    /// <summary>
    /// Where the exchange's arithmetic runs; null: a scheduler shared by every sender of the process that runs at most
    /// half the cores' worth of it at once, leaving the rest to the actors.
    /// </summary>
    public TaskScheduler? ExchangeScheduler { get; init; }

    /// <summary>
    /// Settings of the MTProto session (container limits, compression, randomness); defaults when null. Its clock is
    /// replaced by the actor system's scheduler, which times everything else the sender does.
    /// </summary>
    public MtprotoSessionOptions? Session { get; init; }
}
