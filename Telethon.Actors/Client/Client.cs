using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Extensions.Logging;
using Telethon.Accounts;
using Telethon.Crypto;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Tl;
using Telethon.Updates;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

/// <summary>
/// A Telegram account, with Telethon v2's API in C# form. Standalone it owns an actor system
/// (<see cref="Client(string, ClientOptions)"/>; dispose it when done); inside a shared runtime,
/// <see cref="TelethonRuntime.GetClient"/> hands out one client per account, whose actor lives in the runtime's system.
/// The client only asks and awaits: the account's actor owns the account (its session, its connections, its update
/// handling), and every request goes through it. Every method is asynchronous, takes a <see cref="CancellationToken"/>,
/// and never blocks an actor.
/// </summary>
public sealed partial class Client : IAsyncDisposable
{
    private readonly TelethonRuntime _runtime;
    private readonly string _key;
    private readonly ActorSystem? _ownedSystem;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private IActorRef? _actor;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// A standalone client. <paramref name="session"/> names its storage: <c>":memory:"</c> keeps
    /// nothing, anything else is a SQLite file (<c>name.session</c> unless it already has an extension).
    /// </summary>
    /// <param name="session">The session name or path.</param>
    /// <param name="options">Where and how to connect.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public Client(string session, ClientOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(session);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var persistence = session == ":memory:"
            ? TelethonPersistence.InMemory()
            : TelethonPersistence.Sqlite(Path.HasExtension(session) ? session : session + ".session");
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING").WithFallback(persistence);
        _key = SafeName(Path.GetFileNameWithoutExtension(session));
        _ownedSystem = ActorSystem.Create("telethon-" + _key, config);
        _runtime = TelethonRuntime.Get(_ownedSystem);
        _runtime.Adopt(this);
    }

    internal Client(TelethonRuntime runtime, string key, ClientOptions options)
    {
        _runtime = runtime;
        _key = key;
        Options = options;
    }

    /// <summary>The options the account runs with.</summary>
    public ClientOptions Options { get; }

    /// <summary>The session key of the account (the name of its session in the store).</summary>
    public string SessionKey => _key;

    /// <summary>The account's event handlers; they may be added before connecting, and changed at any time.</summary>
    internal HandlerRegistry Handlers { get; } = new();

    /// <summary>Whether the client is connected (between <see cref="ConnectAsync"/> and <see cref="DisconnectAsync"/>).</summary>
    public bool Connected => Volatile.Read(ref _actor) is not null;

    /// <summary>Loads the session and connects to the home DC (making an auth key when the session has none). Concurrent calls
    /// connect once.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Connected)
                return;
            var actor = await _runtime.StartAccountAsync(_key, cancellationToken).ConfigureAwait(false);
            var status = await actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (_disconnected.Task.IsCompleted)
                _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var disconnected = _disconnected;
            Volatile.Write(ref _actor, actor);
            _ = actor.WatchAsync(CancellationToken.None).ContinueWith(_ =>
            {
                Interlocked.CompareExchange(ref _actor, null, actor);
                disconnected.TrySetResult();
            }, TaskScheduler.Default);
            Options.Logger?.LogInformation("Connected to DC {Dc}{User}", status.HomeDc, status.User is { } u ? $" as user {u.Id}" : "");
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Saves what is pending (the handled update state included) and disconnects. Events that were waiting for
    /// handlers are delivered again on the next connection with <see cref="ClientOptions.CatchUp"/>.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!Connected)
                return;
            await _runtime.StopAccountAsync(_key, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _actor, null);
            _disconnected.TrySetResult();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Waits until the client is disconnected (by <see cref="DisconnectAsync"/> or a fatal error).</summary>
    public Task RunUntilDisconnectedAsync(CancellationToken cancellationToken = default) =>
        _disconnected.Task.WaitAsync(cancellationToken);

    /// <summary>Calls any function of the API (the raw API, as Telethon's <c>client(request)</c>). It takes the account's one
    /// request path: migrations, flood waits, sign-in and sign-out are handled whatever the function.</summary>
    /// <exception cref="RpcError">Telegram answered with an error.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ClientOptions.RequestTimeout"/>.</exception>
    public Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        return AccountCalls.InvokeAsync(Actor, function, Options.RequestTimeout, cancellationToken);
    }

    /// <summary>Calls <paramref name="function"/> on DC <paramref name="dcId"/> (a file's DC), or on the home DC when null,
    /// through the account's one request path.</summary>
    internal Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, int? dcId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return AccountCalls.InvokeAsync(Actor, function, Options.RequestTimeout, cancellationToken, dcId);
    }

    /// <summary>
    /// Asks for what the account may have missed (updates.getDifference) now, rather than when the next update
    /// shows a gap or the no-updates timeout passes; what comes back reaches the handlers like any update.
    /// </summary>
    public void CatchUp() => Actor.Tell(Embedding.CatchUp.Instance);

    /// <summary>Whether the session is signed in.</summary>
    public async Task<bool> IsAuthorizedAsync(CancellationToken cancellationToken = default)
    {
        var status = await Actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return status.User is not null;
    }

    /// <summary>Signs in a bot with its token.</summary>
    public async Task<User> BotSignInAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var result = await InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = Options.ApiId, ApiHash = Options.ApiHash, BotAuthToken = token }, cancellationToken)
            .ConfigureAwait(false);
        return CompleteSignIn(result);
    }

    /// <summary>Asks Telegram to send a login code to <paramref name="phone"/>.</summary>
    public async Task<LoginToken> RequestLoginCodeAsync(string phone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        var sent = await InvokeAsync(new Fn.Auth.SendCode
        {
            PhoneNumber = phone,
            ApiId = Options.ApiId,
            ApiHash = Options.ApiHash,
            Settings = new TlTypes.CodeSettings(),
        }, cancellationToken).ConfigureAwait(false);
        return sent switch
        {
            TlTypes.Auth.SentCode code => new LoginToken(phone, code.PhoneCodeHash, code.Timeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
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
        return new SignInResult(CompleteSignIn(result), null);
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
        return CompleteSignIn(result);
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
            return await GetMeAsync(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("The session was signed out meanwhile.");
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
        // The account sees auth.loggedOut in the result and forgets the user before this returns.
        await InvokeAsync(new Fn.Auth.LogOut(), cancellationToken).ConfigureAwait(false);
        Options.Logger?.LogInformation("Signed out");
    }

    /// <summary>The signed-in user, fetched from Telegram (so its name and username are current); null when the client is
    /// not signed in.</summary>
    public async Task<User?> GetMeAsync(CancellationToken cancellationToken = default)
    {
        var status = await Actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (status.User is null)
            return null;
        var users = await InvokeAsync(new Fn.Users.GetUsers { Id = [new TlTypes.InputUserSelf()] }, cancellationToken).ConfigureAwait(false);
        return users.Length == 1 && EntityCache.FromTl(users[0]) is { } me
            ? me
            : throw new InvalidOperationException("users.getUsers did not return the signed-in user");
    }

    /// <summary>Runs <paramref name="handler"/> for every <typeparamref name="TEvent"/> that passes <paramref name="filter"/>
    /// (Telethon's <c>@client.on</c>). Handlers may be added before connecting.</summary>
    public void On<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event => AddEventHandler(handler, filter);

    /// <summary>Adds a handler; handlers run in the order they were added, from the next event on. They may be added before
    /// connecting, and they stay across reconnections.</summary>
    public void AddEventHandler<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event =>
        Handlers.Add(handler, filter);

    /// <summary>Adds a handler that decides whether later handlers run too (<see cref="HandlerResult.Continue"/>).</summary>
    public void AddEventHandler<TEvent>(Func<TEvent, Task<HandlerResult>> handler, Filter? filter = null) where TEvent : Event =>
        Handlers.Add(handler, filter);

    /// <summary>Removes a handler added before; true when it was there. A run in progress finishes.</summary>
    public bool RemoveEventHandler(Delegate handler) => Handlers.Remove(handler);

    /// <summary>The filter of a handler.</summary>
    /// <exception cref="ArgumentException">The handler was never added.</exception>
    public Filter? GetHandlerFilter(Delegate handler) =>
        Handlers.TryGetFilter(handler, out var filter) ? filter : throw new ArgumentException("That handler was never added.", nameof(handler));

    /// <summary>Replaces the filter of a handler; it applies from the next event.</summary>
    /// <exception cref="ArgumentException">The handler was never added.</exception>
    public void SetHandlerFilter(Delegate handler, Filter? filter)
    {
        if (!Handlers.SetFilter(handler, filter))
            throw new ArgumentException("That handler was never added.", nameof(handler));
    }

    /// <summary>Disconnects, and stops the actor system when the client owns one.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        if (_ownedSystem is not null)
            await _ownedSystem.Terminate().ConfigureAwait(false);
    }

    // The account has seen the sign-in in the result and stored it before answering.
    private User CompleteSignIn(Tl.Abcs.Auth.Authorization result)
    {
        if (result is not TlTypes.Auth.Authorization { User: var tlUser } || EntityCache.FromTl(tlUser) is not { } user)
            throw new InvalidOperationException($"unexpected sign-in answer {result.TlName}");
        Options.Logger?.LogInformation("Signed in as {Kind} {Id} (@{Username})", user.IsBot ? "bot" : "user", user.Id, user.Username);
        return user;
    }

    private IActorRef Actor =>
        Volatile.Read(ref _actor) ?? throw new InvalidOperationException("The client is not connected: call ConnectAsync first.");

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
