using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;
using Telethon.Embedding;
using Telethon.Session;

namespace Telethon.Hosting;

/// <summary>
/// Many accounts in one actor system: an Akka extension whose root actor (<c>/user/telethon</c>) hosts one account actor
/// per session key (<c>account-&lt;key&gt;</c>) and hands out their <see cref="Client"/> facades, one per key. The
/// system's persistence configuration (see <see cref="TelethonPersistence"/>) stores the sessions; a <c>telethon.session</c>
/// section, when present, sets their coalescing and snapshots (<see cref="SessionActorSettings.FromConfig"/>).
/// </summary>
public sealed class TelethonRuntime : IExtension
{
    private readonly IActorRef _root;
    private readonly ConcurrentDictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly SessionActorSettings _sessionSettings;

    /// <summary>Creates the extension; use <see cref="Get"/>.</summary>
    public TelethonRuntime(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        _sessionSettings = SessionActorSettings.FromConfig(system.Settings.Config.GetConfig("telethon.session"));
        _root = system.ActorOf(Props.Create(() => new RuntimeRootActor(this)), "telethon");
    }

    /// <summary>The actor system the accounts live in.</summary>
    public ActorSystem System { get; }

    /// <summary>The runtime of <paramref name="system"/>, created on first use.</summary>
    public static TelethonRuntime Get(ActorSystem system) => system.WithExtension<TelethonRuntime, TelethonRuntimeProvider>();

    /// <summary>
    /// The persistence and serialization an actor system needs for Telethon: sessions in a SQLite file
    /// (<paramref name="sqlitePath"/>), or in memory when it is null.
    /// </summary>
    public static Config DefaultConfig(string? sqlitePath) =>
        sqlitePath is null ? TelethonPersistence.InMemory() : TelethonPersistence.Sqlite(sqlitePath);

    /// <summary>
    /// The client of account <paramref name="sessionKey"/>; its actor starts on <see cref="Client.ConnectAsync"/>. The same
    /// key always gives the same client (the options of the first call apply); keys name sessions, so the same key in a later
    /// run resumes the same account. Keys are made safe for actor names (letters, digits and dashes).
    /// </summary>
    public Client GetClient(string sessionKey, ClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return _clients.GetOrAdd(Client.SafeName(sessionKey), (key, o) => new Client(this, key, o), options);
    }

    /// <summary>The client of account <paramref name="key"/> (a safe name), if the runtime made one.</summary>
    internal Client? ClientOf(string key) => _clients.GetValueOrDefault(key);

    /// <summary>Registers a standalone client as the runtime's only account.</summary>
    internal void Adopt(Client client) => _clients[client.SessionKey] = client;

    /// <summary>Starts the account actor of <paramref name="key"/> (after the previous one has fully stopped), or finds it.</summary>
    internal Task<IActorRef> StartAccountAsync(string key, CancellationToken cancellationToken) =>
        _root.Ask<IActorRef>(new RuntimeRootActor.Start(key), TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>Stops the account actor of <paramref name="key"/> and waits until it is gone.</summary>
    internal Task StopAccountAsync(string key, CancellationToken cancellationToken) =>
        _root.Ask<AccountStopped>(new RuntimeRootActor.Stop(key), TimeSpan.FromSeconds(90), cancellationToken);

    /// <summary>The props of the account actor of <paramref name="key"/>, from its client.</summary>
    internal Props PropsOf(string key)
    {
        var client = _clients[key];
        return AccountProps.Create(key, client.Options, client.Handlers, _sessionSettings);
    }
}
