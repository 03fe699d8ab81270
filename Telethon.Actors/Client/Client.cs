using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using Telethon.Crypto;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Accounts;
using Telethon.Sender;
using Telethon.Session;
using Telethon.Tl;
using Telethon.Updates;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

/// <summary>
/// A Telegram account, with Telethon v2's API in C# form. Standalone it owns an actor system
/// (<see cref="Client(string, ClientOptions)"/>; dispose it when done); inside a shared runtime,
/// <see cref="Hosting.TelethonRuntime"/> hands out clients whose accounts live in the runtime's actor system.
/// Every method is asynchronous, takes a <see cref="CancellationToken"/>, and never blocks an actor.
/// </summary>
public sealed class Client : IAsyncDisposable
{
    private readonly ActorSystem? _ownedSystem;
    private readonly Func<AccountContext, Task<IActorRef>> _spawn;
    private readonly ClientOptions _options;
    private readonly AccountContext _account;
    private IActorRef? _actor;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<AddHandler> _handlers = [];

    /// <summary>
    /// A standalone client. <paramref name="session"/> names its storage: <c>":memory:"</c> keeps
    /// nothing, anything else is a SQLite file (<c>name.session</c> unless it already has an extension).
    /// </summary>
    /// <param name="session">The session name or path.</param>
    /// <param name="options">Where and how to connect.</param>
    public Client(string session, ClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(session);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var persistence = session == ":memory:"
            ? TelethonPersistence.InMemory()
            : TelethonPersistence.Sqlite(Path.HasExtension(session) ? session : session + ".session");
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING").WithFallback(persistence);
        _ownedSystem = ActorSystem.Create("telethon-" + SafeName(Path.GetFileNameWithoutExtension(session)), config);
        var key = SafeName(Path.GetFileNameWithoutExtension(session));
        _account = new AccountContext(options.RequestTimeout);
        var system = _ownedSystem;
        _spawn = account => Task.FromResult(system.ActorOf(ClientActor.Props(key, options, account), "account-" + key));
    }

    internal Client(ClientOptions options, Func<AccountContext, Task<IActorRef>> spawn)
    {
        _options = options;
        _account = new AccountContext(options.RequestTimeout);
        _spawn = spawn;
    }

    /// <summary>Whether the client is connected (between <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/>).</summary>
    public bool Connected => _actor is not null && !_disconnected.Task.IsCompleted;

    /// <summary>The signed-in user's id, or null.</summary>
    public long? SelfId => _account.SelfId;

    /// <summary>Loads the session and connects to the home DC (making an auth key when the session has none).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Connected)
            return;
        _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _actor = await _spawn(_account).ConfigureAwait(false);
        _account.Attach(_actor);
        // Handlers added before connecting go first, so that no event (a catch-up, say) finds the chain empty.
        lock (_handlers)
        {
            foreach (var add in _handlers)
                _actor.Tell(add);
        }
        var ready = await _actor.Ask<ClientReady>(WaitReady.Instance, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        _options.Logger?.LogInformation("Connected to DC {Dc}{User}", ready.HomeDc, ready.User is { } u ? $" as user {u.Id}" : "");
        var actor = _actor;
        _ = actor.WatchAsync(CancellationToken.None).ContinueWith(_ => _disconnected.TrySetResult(), TaskScheduler.Default);
    }

    /// <summary>Saves what is pending and disconnects.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (_actor is null)
            return;
        try
        {
            await _actor.Ask<ClientStopped>(StopClient.Instance, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            _actor.Tell(PoisonPill.Instance);
        }
        _disconnected.TrySetResult();
    }

    /// <summary>Waits until the client is disconnected (by <see cref="DisconnectAsync"/> or a fatal error).</summary>
    public Task RunUntilDisconnectedAsync(CancellationToken cancellationToken = default) =>
        _disconnected.Task.WaitAsync(cancellationToken);

    /// <summary>Calls any function of the API (the raw API, as Telethon's <c>client(request)</c>).</summary>
    /// <exception cref="RpcError">Telegram answered with an error.</exception>
    public async Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default)
    {
        EnsureConnected();
        try
        {
            return await _account.InvokeAsync(function, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrateRequiredException migrate) when (migrate.Kind is MigrateKind.Phone or MigrateKind.User or MigrateKind.Network)
        {
            // The account lives on another DC: move there and ask again.
            _options.Logger?.LogInformation("{Error}: moving to DC {Dc}", migrate.RawMessage, migrate.TargetDc);
            await _actor!.Ask<ClientReady>(new SwitchHomeDc(migrate.TargetDc), TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return await _account.InvokeAsync(function, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks for what the account may have missed (updates.getDifference) now, rather than when the next update
    /// shows a gap or the no-updates timeout passes; what comes back reaches the handlers like any update.
    /// </summary>
    public void CatchUp()
    {
        EnsureConnected();
        _actor!.Tell(CatchUpUpdates.Instance);
    }

    /// <summary>Whether the session is signed in.</summary>
    public async Task<bool> IsAuthorizedAsync(CancellationToken cancellationToken = default)
    {
        EnsureConnected();
        var ready = await _actor!.Ask<ClientReady>(WaitReady.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return ready.User is not null;
    }

    /// <summary>Signs in a bot with its token.</summary>
    public async Task<User> BotSignInAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var result = await InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = _options.ApiId, ApiHash = _options.ApiHash, BotAuthToken = token }, cancellationToken)
            .ConfigureAwait(false);
        return await CompleteSignInAsync(result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks Telegram to send a login code to <paramref name="phone"/>.</summary>
    public async Task<LoginToken> RequestLoginCodeAsync(string phone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        var sent = await InvokeAsync(new Fn.Auth.SendCode
        {
            PhoneNumber = phone,
            ApiId = _options.ApiId,
            ApiHash = _options.ApiHash,
            Settings = new TlTypes.CodeSettings(),
        }, cancellationToken).ConfigureAwait(false);
        return sent switch
        {
            TlTypes.Auth.SentCode code => new LoginToken(phone, code.PhoneCodeHash),
            _ => throw new InvalidOperationException($"unexpected answer to auth.sendCode: {sent.TlName}"),
        };
    }

    /// <summary>
    /// Signs in with the code. A new number is signed up under <paramref name="firstName"/> (Telegram asks for
    /// it); an account with two-step verification gives a <see cref="PasswordToken"/> for <see cref="CheckPasswordAsync"/>.
    /// </summary>
    public async Task<SignInResult> SignInAsync(LoginToken token, string code, string firstName = "User", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(code);
        Tl.Abcs.Auth.Authorization result;
        try
        {
            result = await InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = token.Phone, PhoneCodeHash = token.PhoneCodeHash, PhoneCode = code }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RpcError e) when (e.Name == "SESSION_PASSWORD_NEEDED")
        {
            var password = await InvokeAsync(new Fn.Account.GetPassword(), cancellationToken).ConfigureAwait(false);
            return new SignInResult(null, new PasswordToken((TlTypes.Account.Password)password));
        }
        if (result is TlTypes.Auth.AuthorizationSignUpRequired)
        {
            result = await InvokeAsync(new Fn.Auth.SignUp
            {
                PhoneNumber = token.Phone,
                PhoneCodeHash = token.PhoneCodeHash,
                FirstName = firstName,
                LastName = "",
            }, cancellationToken).ConfigureAwait(false);
        }
        return new SignInResult(await CompleteSignInAsync(result, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Completes a sign-in with the two-step verification password (SRP: the password never leaves the machine).</summary>
    /// <exception cref="RpcError">PASSWORD_HASH_INVALID when it is wrong.</exception>
    public async Task<User> CheckPasswordAsync(PasswordToken token, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(password);
        var state = token.Password;
        if (state.CurrentAlgo is not TlTypes.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo || state.SrpB is null || state.SrpId is null)
            throw new InvalidOperationException("The account's password uses an algorithm this client does not know.");
        var answer = PasswordSrp.ComputeAnswer(Encoding.UTF8.GetBytes(password), new SrpParameters(algo.Salt1, algo.Salt2, algo.G, algo.P), state.SrpB, SecureRandomSource.Instance);
        var result = await InvokeAsync(new Fn.Auth.CheckPassword
        {
            Password = new TlTypes.InputCheckPasswordSRP { SrpId = state.SrpId.Value, A = answer.A, M1 = answer.M1 },
        }, cancellationToken).ConfigureAwait(false);
        return await CompleteSignInAsync(result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in asking on the console (or <paramref name="prompt"/>) for the phone or bot token, the code and the
    /// password when needed. Returns at once when already signed in.
    /// </summary>
    public async Task<User> InteractiveLoginAsync(Func<string, Task<string>>? prompt = null, CancellationToken cancellationToken = default)
    {
        prompt ??= question =>
        {
            Console.Write(question);
            return Task.FromResult(Console.ReadLine() ?? "");
        };
        if (await IsAuthorizedAsync(cancellationToken).ConfigureAwait(false))
            return await GetMeAsync(cancellationToken).ConfigureAwait(false);
        var phoneOrToken = (await prompt("Enter your phone number or bot token: ").ConfigureAwait(false)).Trim();
        if (phoneOrToken.Contains(':', StringComparison.Ordinal))
            return await BotSignInAsync(phoneOrToken, cancellationToken).ConfigureAwait(false);
        var token = await RequestLoginCodeAsync(phoneOrToken, cancellationToken).ConfigureAwait(false);
        var code = (await prompt("Enter the code you received: ").ConfigureAwait(false)).Trim();
        var result = await SignInAsync(token, code, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.User is { } user)
            return user;
        var hint = result.PasswordToken!.Hint is { Length: > 0 } h ? $" (hint: {h})" : "";
        var password = await prompt($"Enter your password{hint}: ").ConfigureAwait(false);
        return await CheckPasswordAsync(result.PasswordToken!, password, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Logs out: the authorization ends on Telegram's side and the session forgets the user.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        await InvokeAsync(new Fn.Auth.LogOut(), cancellationToken).ConfigureAwait(false);
        await _actor!.Ask<ClientReady>(SignedOutNotice.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        _options.Logger?.LogInformation("Signed out");
    }

    /// <summary>The signed-in user.</summary>
    public async Task<User> GetMeAsync(CancellationToken cancellationToken = default)
    {
        var users = await InvokeAsync(new Fn.Users.GetUsers { Id = [new TlTypes.InputUserSelf()] }, cancellationToken).ConfigureAwait(false);
        return users.Length == 1 && EntityCache.FromTl(users[0]) is { } me
            ? me
            : throw new InvalidOperationException("users.getUsers did not return the signed-in user");
    }

    /// <summary>Sends a text message to <paramref name="chat"/>.</summary>
    public Task<Message> SendMessageAsync(Peer chat, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(text);
        EnsureConnected();
        return Message.SendAsync(_account, chat, text, null, cancellationToken);
    }

    /// <summary>Runs <paramref name="handler"/> for every <typeparamref name="TEvent"/> that passes <paramref name="filter"/> (Telethon's <c>@client.on</c>).</summary>
    public void On<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event => AddEventHandler(handler, filter);

    /// <summary>Adds a handler; handlers run in the order they were added. They may be added before connecting.</summary>
    public void AddEventHandler<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event =>
        Add(AddHandler.For(handler, filter));

    /// <summary>Adds a handler that decides whether later handlers run too (<see cref="HandlerResult.Continue"/>).</summary>
    public void AddEventHandler<TEvent>(Func<TEvent, Task<HandlerResult>> handler, Filter? filter = null) where TEvent : Event =>
        Add(AddHandler.WithResult(handler, filter));

    // Handlers may be added before connecting; they are kept and given to every new connection of the account.
    private void Add(AddHandler add)
    {
        lock (_handlers)
            _handlers.Add(add);
        if (Connected)
            _actor!.Tell(add);
    }

    /// <summary>Removes a handler added before; true when it was there.</summary>
    public async Task<bool> RemoveEventHandlerAsync(Delegate handler, CancellationToken cancellationToken = default)
    {
        bool known;
        lock (_handlers)
            known = _handlers.RemoveAll(h => Equals(h.Key, handler)) > 0;
        if (!Connected)
            return known;
        var changed = await _actor!.Ask<HandlerChanged>(new RemoveHandler(handler), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return changed.Found;
    }

    /// <summary>The filter of a handler.</summary>
    public async Task<Filter?> GetHandlerFilterAsync(Delegate handler, CancellationToken cancellationToken = default)
    {
        EnsureConnected();
        var reply = await _actor!.Ask<HandlerFilterReply>(new GetHandlerFilter(handler), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return reply.Found ? reply.Filter : throw new ArgumentException("That handler was never added.", nameof(handler));
    }

    /// <summary>Replaces the filter of a handler.</summary>
    public async Task SetHandlerFilterAsync(Delegate handler, Filter? filter, CancellationToken cancellationToken = default)
    {
        lock (_handlers)
        {
            var index = _handlers.FindIndex(h => Equals(h.Key, handler));
            if (index < 0)
                throw new ArgumentException("That handler was never added.", nameof(handler));
            _handlers[index] = _handlers[index] with { Filter = filter };
        }
        if (Connected)
            await _actor!.Ask<HandlerChanged>(new SetHandlerFilter(handler, filter), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disconnects, and stops the actor system when the client owns one.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        if (_ownedSystem is not null)
            await _ownedSystem.Terminate().ConfigureAwait(false);
    }

    private async Task<User> CompleteSignInAsync(Tl.Abcs.Auth.Authorization result, CancellationToken cancellationToken)
    {
        if (result is not TlTypes.Auth.Authorization { User: var tlUser } || EntityCache.FromTl(tlUser) is not { } user)
            throw new InvalidOperationException($"unexpected sign-in answer {result.TlName}");
        await _actor!.Ask<ClientReady>(new SignedInNotice(new SessionUser(user.Id, user.IsBot, 0, user.Username)), TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        _options.Logger?.LogInformation("Signed in as {Kind} {Id} (@{Username})", user.IsBot ? "bot" : "user", user.Id, user.Username);
        return user;
    }

    private void EnsureConnected()
    {
        if (!Connected)
            throw new InvalidOperationException("The client is not connected: call ConnectAsync first.");
    }

    // Actor and actor-system names take ASCII letters, digits and inner dashes only.
    internal static string SafeName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        var safe = sb.ToString().Trim('-');
        return safe.Length == 0 ? "session" : safe;
    }
}
