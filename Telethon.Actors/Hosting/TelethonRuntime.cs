using Akka.Actor;
using Akka.Configuration;
using Telethon.Accounts;

namespace Telethon.Hosting;

/// <summary>
/// Many accounts in one actor system: an Akka extension whose root actor (<c>/user/telethon</c>) hosts one
/// <see cref="ClientActor"/> per account (<c>account-&lt;key&gt;</c>) and hands out their <see cref="Client"/>
/// facades. The system's persistence configuration (see <see cref="TelethonPersistence"/>) stores the sessions.
/// </summary>
public sealed class TelethonRuntime : IExtension
{
    private readonly IActorRef _root;

    /// <summary>Creates the extension; use <see cref="Get"/>.</summary>
    public TelethonRuntime(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        System = system;
        _root = system.ActorOf(Props.Create(() => new RuntimeRootActor()), "telethon");
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
    /// The client of account <paramref name="sessionKey"/>; its actor starts on <see cref="Client.ConnectAsync"/>.
    /// Keys name sessions: the same key later resumes the same session.
    /// </summary>
    public Client GetClient(string sessionKey, ClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(options);
        var key = Client.SafeName(sessionKey);
        return new Client(options, account =>
            _root.Ask<IActorRef>(new RuntimeRootActor.StartAccount(key, ClientActor.Props(key, options, account)), TimeSpan.FromSeconds(30)));
    }

    /// <summary>The supervisor of every account: a failing account restarts alone.</summary>
    private sealed class RuntimeRootActor : ReceiveActor
    {
        public RuntimeRootActor()
        {
            Receive<StartAccount>(start =>
            {
                var name = "account-" + start.Key;
                var existing = Context.Child(name);
                Sender.Tell(existing.IsNobody() ? Context.ActorOf(start.Props, name) : existing);
            });
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

        public sealed record StartAccount(string Key, Props Props);
    }
}
