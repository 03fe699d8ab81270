using Akka.Actor;
using Telethon.Accounts;
using Telethon.Session;

namespace Telethon.Embedding;

/// <summary>
/// For applications that host accounts in their own actor tree rather than through <see cref="Hosting.TelethonRuntime"/>:
/// the props of an account actor. Talk to it with the messages of this namespace (<see cref="AccountRequest"/>,
/// <see cref="CancelAccountRequest"/>, <see cref="GetAccountStatus"/>, <see cref="CatchUp"/>, <see cref="StopAccount"/>);
/// it answers the sender. Its session is event-sourced under the persistence id <c>telethon-session-&lt;key&gt;</c> in the
/// actor system's journal (see <see cref="Hosting.TelethonPersistence"/> for configurations). Give each key one actor at a
/// time: two actors of one key would both drive the same session.
/// </summary>
public static class AccountProps
{
    /// <summary>The props of the actor of account <paramref name="sessionKey"/>.</summary>
    /// <param name="sessionKey">Names the session: the same key later resumes the same account.</param>
    /// <param name="options">Where and how to connect, and how to handle updates.</param>
    /// <param name="handlers">The account's event handlers; they may change at any time.</param>
    /// <param name="session">Coalescing, snapshots and persistence plugins of the session; the defaults when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static Props Create(string sessionKey, ClientOptions options, HandlerRegistry handlers, SessionActorSettings? session = null) =>
        ClientActor.Props(sessionKey, options, handlers, session);
}
