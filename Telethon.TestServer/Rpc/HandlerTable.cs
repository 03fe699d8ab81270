using System.Collections.Frozen;
using System.Reflection;
using Telethon.TestServer.World;
using Telethon.Tl;

namespace Telethon.TestServer.Rpc;

/// <summary>What a method needs from its caller before its handler runs.</summary>
[Flags]
public enum HandlerAccess
{
    /// <summary>Anyone, authorized or not (help.*, most of auth.*).</summary>
    Anyone = 0,

    /// <summary>An authorized auth key (401 AUTH_KEY_UNREGISTERED otherwise; 401 SESSION_PASSWORD_NEEDED while the 2FA password is pending).</summary>
    Authorized = 1,

    /// <summary>Only on the account's home DC (303 USER_MIGRATE_X elsewhere).</summary>
    HomeDcOnly = 2,

    /// <summary>Not for bots (400 BOT_METHOD_INVALID).</summary>
    UsersOnly = 4,

    /// <summary>Also while the 2FA password is pending (account.getPassword, auth.logOut).</summary>
    PasswordPendingAllowed = 8,

    /// <summary>Only for bots (400 USER_BOT_REQUIRED).</summary>
    BotsOnly = 16,

    /// <summary>Authorized, on the home DC: the usual for account-level methods.</summary>
    Account = Authorized | HomeDcOnly,

    /// <summary>Authorized user (not bot) on the home DC.</summary>
    UserAccount = Authorized | HomeDcOnly | UsersOnly,
}

/// <summary>One request as a handler sees it.</summary>
public sealed class RpcRequest
{
    internal RpcRequest(CallContext context, TelegramWorld world, AuthorizationInfo? authorization, RpcDispatcherOptions options, long msgId = 0)
    {
        MsgId = msgId;
        Context = context;
        World = world;
        Authorization = authorization;
        Options = options;
    }

    /// <summary>Who calls.</summary>
    public CallContext Context { get; }

    /// <summary>The msg_id the request came with (0 when the caller did not say).</summary>
    public long MsgId { get; }

    /// <summary>The world.</summary>
    public TelegramWorld World { get; }

    /// <summary>The caller's authorization, or null.</summary>
    public AuthorizationInfo? Authorization { get; }

    /// <summary>The dispatcher's options (DC endpoints, ...).</summary>
    public RpcDispatcherOptions Options { get; }

    /// <summary>The authorized caller (for handlers registered with <see cref="HandlerAccess.Authorized"/>).</summary>
    public Caller Caller => new(Context.Session, Authorization?.UserId ?? throw new RpcError(401, "AUTH_KEY_UNREGISTERED"));
}

/// <summary>A registered method: its TL name, access rules and handler.</summary>
public sealed record HandlerEntry(uint ConstructorId, string Name, HandlerAccess Access, Func<RpcRequest, TlFunction, object?> Handle);

/// <summary>
/// The methods the dispatcher serves, keyed by constructor id. Each TL namespace registers its
/// methods (see the *Handlers classes), one line per function naming the world service method that
/// serves it; more slot in through
/// <see cref="RpcDispatcher(TelegramWorld, RpcDispatcherOptions, Action{HandlerTable})"/>.
/// </summary>
public sealed class HandlerTable
{
    private readonly Dictionary<uint, HandlerEntry> _entries = [];

    /// <summary>Registers (or replaces) a method served for any caller (auth.* before sign-in); it is given the calling session.</summary>
    /// <typeparam name="TRequest">The generated function class.</typeparam>
    /// <param name="method">Computes the result (of the function's result type); throws <see cref="RpcError"/> to answer an rpc_error.</param>
    /// <param name="access">What the caller needs.</param>
    public void Add<TRequest>(Func<SessionKey, TRequest, object?> method, HandlerAccess access)
        where TRequest : TlFunction
    {
        ArgumentNullException.ThrowIfNull(method);
        Add<TRequest>(ConstructorIdOf<TRequest>(method), access, (request, function) => method(request.Context.Session, function));
    }

    /// <summary>Registers (or replaces) a method served for authorized callers; it is given the <see cref="Caller"/>.</summary>
    /// <typeparam name="TRequest">The generated function class.</typeparam>
    /// <param name="method">Computes the result (of the function's result type); throws <see cref="RpcError"/> to answer an rpc_error.</param>
    /// <param name="access">What the caller needs (at least <see cref="HandlerAccess.Authorized"/>).</param>
    public void Add<TRequest>(Func<Caller, TRequest, object?> method, HandlerAccess access)
        where TRequest : TlFunction
    {
        ArgumentNullException.ThrowIfNull(method);
        Add<TRequest>(ConstructorIdOf<TRequest>(method), Authorized(access), (request, function) => method(request.Caller, function));
    }

    /// <summary>Registers (or replaces) a method returning Bool served for authorized callers.</summary>
    /// <typeparam name="TRequest">The generated function class.</typeparam>
    /// <param name="method">Computes the result; throws <see cref="RpcError"/> to answer an rpc_error.</param>
    /// <param name="access">What the caller needs (at least <see cref="HandlerAccess.Authorized"/>).</param>
    public void Add<TRequest>(Func<Caller, TRequest, bool> method, HandlerAccess access)
        where TRequest : TlFunction
    {
        ArgumentNullException.ThrowIfNull(method);
        Add<TRequest>(ConstructorIdOf<TRequest>(method), Authorized(access), (request, function) => method(request.Caller, function));
    }

    /// <summary>
    /// Registers (or replaces) a method that waits on something outside the request (a bot's answer to a callback
    /// or inline query) and is served for authorized callers. The dispatcher answers with
    /// <see cref="RpcOutcome.Pending"/>; the network layer awaits it without blocking a thread or the connection's
    /// other requests and writes the answer when the task ends. The method itself should check its input and throw
    /// <see cref="RpcError"/> before it returns the task, so bad input fails at once.
    /// </summary>
    /// <typeparam name="TRequest">The generated function class.</typeparam>
    /// <typeparam name="TResult">What the task ends with (the function's result type or one of its constructors).</typeparam>
    /// <param name="method">Starts the work; its task ends with the result, or faults with <see cref="RpcError"/> to answer an rpc_error.</param>
    /// <param name="access">What the caller needs (at least <see cref="HandlerAccess.Authorized"/>).</param>
    public void AddAsync<TRequest, TResult>(Func<Caller, TRequest, Task<TResult>> method, HandlerAccess access)
        where TRequest : TlFunction
    {
        ArgumentNullException.ThrowIfNull(method);
        var id = ConstructorIdOf<TRequest>(typeof(TResult), method.Method.Name);
        Add<TRequest>(id, Authorized(access), (request, function) => new DeferredResult(Box(method(request.Caller, function))));

        static async Task<object?> Box(Task<TResult> task) => await task.ConfigureAwait(false);
    }

    /// <summary>Registers (or replaces) the handler of a function.</summary>
    /// <typeparam name="TRequest">The generated function class.</typeparam>
    /// <param name="constructorId">Its constructor id (<c>TRequest.TlConstructorId</c>).</param>
    /// <param name="access">What the caller needs.</param>
    /// <param name="handler">Computes the result; throws <see cref="RpcError"/> to answer an rpc_error.</param>
    public void Add<TRequest>(uint constructorId, HandlerAccess access, Func<RpcRequest, TRequest, object?> handler)
        where TRequest : TlFunction
    {
        ArgumentNullException.ThrowIfNull(handler);
        var name = TlRegistry.Find(constructorId)?.Name ?? $"#{constructorId:x8}";
        _entries[constructorId] = new HandlerEntry(constructorId, name, access, (request, function) => handler(request, (TRequest)function));
    }

    internal FrozenDictionary<uint, HandlerEntry> Build() => _entries.ToFrozenDictionary();

    private static HandlerAccess Authorized(HandlerAccess access) =>
        (access & HandlerAccess.Authorized) != 0 ? access : throw new ArgumentException("A method given the caller needs HandlerAccess.Authorized.", nameof(access));

    /// <summary>The constructor id of <typeparamref name="TRequest"/>, once it is checked that <paramref name="method"/> returns the function's result type.</summary>
    private static uint ConstructorIdOf<TRequest>(Delegate method)
        where TRequest : TlFunction =>
        ConstructorIdOf<TRequest>(method.Method.ReturnType, method.Method.Name);

    /// <summary>The constructor id of <typeparamref name="TRequest"/>, once it is checked that <paramref name="returnType"/> is the function's result type.</summary>
    private static uint ConstructorIdOf<TRequest>(Type returnType, string methodName)
        where TRequest : TlFunction
    {
        var type = typeof(TRequest);
        var resultType = type.BaseType is { IsGenericType: true } typed && typed.GetGenericTypeDefinition() == typeof(TlFunction<>)
            ? typed.GetGenericArguments()[0]
            : throw new ArgumentException($"{type.Name} is not a generated TL function.", "method");
        if (!resultType.IsAssignableFrom(returnType))
            throw new ArgumentException($"{methodName} returns {returnType.Name}, but {type.Name} answers {resultType.Name}.", "method");
        return type.GetField("TlConstructorId", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is uint id
            ? id
            : throw new ArgumentException($"{type.Name} has no TlConstructorId.", "method");
    }
}
