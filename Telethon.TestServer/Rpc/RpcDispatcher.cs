using System.Collections.Concurrent;
using System.Collections.Frozen;
using Telethon.TestServer.Config;
using Telethon.TestServer.World;
using Telethon.Tl;
using F = Telethon.Tl.Functions;

namespace Telethon.TestServer.Rpc;

/// <summary>What the dispatcher needs besides the world.</summary>
public sealed class RpcDispatcherOptions
{
    /// <summary>Where each DC listens (help.getConfig's dc_options); the network layer fills it in.</summary>
    public IReadOnlyList<(int DcId, string Host, int Port)> DcEndpoints { get; init; } = [];

    /// <summary>Faults: the dispatcher applies the flood rules; null for none.</summary>
    public FaultPlan? Faults { get; init; }

    /// <summary>help.getConfig's test_mode.</summary>
    public bool TestMode { get; init; } = true;

    /// <summary>Where internal faults and unimplemented methods are reported; ignored when null.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The keys auth.bindTempAuthKey binds (the network layer's); without them it answers TEMP_AUTH_KEY_EMPTY.</summary>
    internal ITempKeyDirectory? TempKeys { get; init; }
}

/// <summary>
/// Dispatches decoded TL functions to their handlers: unwraps invokeWithLayer / initConnection (which
/// it records) / invokeAfterMsg(s) / invokeWithoutUpdates / invokeWithTakeout and the other wrappers,
/// checks authorization, home DC and flood rules, and turns every failure into an rpc_error. Nothing
/// escapes <see cref="Invoke"/>: an unexpected exception becomes 500 INTERNAL and is logged and counted.
/// </summary>
/// <remarks>
/// A method the schema has but no handler serves answers 400 METHOD_NOT_IMPLEMENTED (not a Telegram
/// name on purpose: a test can tell a missing feature of the test server from a refusal Telegram
/// would give). Thread-safe; the lookup is a frozen dictionary keyed by constructor id.
/// </remarks>
public sealed class RpcDispatcher
{
    /// <summary>The error message of methods the test server does not serve.</summary>
    public const string NotImplemented = "METHOD_NOT_IMPLEMENTED";

    private const int MaxWrapperDepth = 8;

    private readonly TelegramWorld _world;
    private readonly RpcDispatcherOptions _options;
    private readonly FrozenDictionary<uint, HandlerEntry> _handlers;
    private readonly ConcurrentDictionary<string, int> _unimplemented = new(StringComparer.Ordinal);
    private long _internalErrors;

    /// <summary>Creates the dispatcher with the built-in methods.</summary>
    public RpcDispatcher(TelegramWorld world, RpcDispatcherOptions? options = null)
        : this(world, options ?? new RpcDispatcherOptions(), null)
    {
    }

    /// <summary>Creates the dispatcher; <paramref name="extend"/> may add or replace methods.</summary>
    public RpcDispatcher(TelegramWorld world, RpcDispatcherOptions options, Action<HandlerTable>? extend)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(options);
        _world = world;
        _options = options;
        var table = new HandlerTable();
        HelpHandlers.Register(table);
        AuthHandlers.Register(table, world);
        AccountHandlers.Register(table, world);
        UsersHandlers.Register(table, world);
        ContactsHandlers.Register(table, world);
        MessagesHandlers.Register(table, world);
        BotsHandlers.Register(table, world);
        ChannelsHandlers.Register(table, world);
        FoldersHandlers.Register(table, world);
        UpdatesHandlers.Register(table, world);
        UploadHandlers.Register(table, world);
        PhotosHandlers.Register(table, world);
        TempKeyHandlers.Register(table);
        extend?.Invoke(table);
        _handlers = table.Build();
    }

    /// <summary>The world behind the dispatcher.</summary>
    public TelegramWorld World => _world;

    /// <summary>How many calls ended in 500 INTERNAL (a bug in a handler); tests assert zero.</summary>
    public long InternalErrorCount => Interlocked.Read(ref _internalErrors);

    /// <summary>The TL names of the methods served.</summary>
    public IReadOnlyCollection<string> ImplementedMethods => _handlers.Values.Select(h => h.Name).Order().ToArray();

    /// <summary>The TL names of methods called but not served, with how often.</summary>
    public IReadOnlyDictionary<string, int> UnimplementedCalls => new Dictionary<string, int>(_unimplemented);

    /// <summary>Whether a method (by constructor id) is served.</summary>
    public bool IsImplemented(uint constructorId) => _handlers.ContainsKey(constructorId);

    /// <summary>Answers one request; <paramref name="msgId"/> is the msg_id it came with, when known.</summary>
    public RpcOutcome Invoke(CallContext context, TlFunction request, long msgId = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request is null)
            return RpcOutcome.Failure(400, "INPUT_REQUEST_INVALID");
        try
        {
            var function = Unwrap(context, request);
            if (!_handlers.TryGetValue(function.ConstructorId, out var entry))
            {
                _unimplemented.AddOrUpdate(function.TlName, 1, (_, n) => n + 1);
                _options.Log?.Invoke($"not implemented: {function.TlName}");
                return RpcOutcome.Failure(400, NotImplemented);
            }
            var authorization = _world.Identify(context.DcId, context.AuthKeyId);
            if (Refuse(context, entry, authorization) is { } refusal)
                return RpcOutcome.Failure(refusal);
            if (_options.Faults is { } faults)
            {
                var identity = authorization is null ? default : new AccountIdentity(authorization.UserId, authorization.Phone, authorization.Username);
                var key = authorization?.UserId ?? context.AuthKeyId;
                if (faults.CheckFlood(entry.Name, identity, key, _world.Options.Time.GetUtcNow()) is { } seconds)
                    return RpcOutcome.Failure(420, $"FLOOD_WAIT_{seconds}");
            }
            var value = entry.Handle(new RpcRequest(context, _world, authorization, _options, msgId), function);
            if (value is LentResult lent)
                return RpcOutcome.Lent(lent.Value, lent.Release);
            if (value is not DeferredResult deferred)
                return RpcOutcome.Success(value);
            var settled = SettleAsync(deferred.Task, entry.Name);
            // A task that has already ended (refused at once, say) is answered at once; reading it does not wait.
            return settled.IsCompleted ? settled.GetAwaiter().GetResult() : RpcOutcome.Later(settled);
        }
        catch (RpcError error)
        {
            return RpcOutcome.Failure(error);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _internalErrors);
            _options.Log?.Invoke($"internal error in {request.TlName}: {e}");
            return RpcOutcome.Failure(500, "INTERNAL");
        }
    }

    /// <summary>
    /// Answers one request and, when its method waits on someone else (<see cref="RpcOutcome.Pending"/>), waits for the
    /// final answer without blocking a thread. The result is never pending.
    /// </summary>
    public async ValueTask<RpcOutcome> InvokeAsync(CallContext context, TlFunction request, long msgId = 0)
    {
        var outcome = Invoke(context, request, msgId);
        return outcome.Pending is { } pending ? await pending.ConfigureAwait(false) : outcome;
    }

    // The final outcome of a deferred result: never faults, every failure becomes an rpc_error as in Invoke.
    private async Task<RpcOutcome> SettleAsync(Task<object?> task, string method)
    {
        try
        {
            return RpcOutcome.Success(await task.ConfigureAwait(false));
        }
        catch (RpcError error)
        {
            return RpcOutcome.Failure(error);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _internalErrors);
            _options.Log?.Invoke($"internal error in {method}: {e}");
            return RpcOutcome.Failure(500, "INTERNAL");
        }
    }

    private static RpcError? Refuse(CallContext context, HandlerEntry entry, AuthorizationInfo? authorization)
    {
        if ((entry.Access & HandlerAccess.Authorized) == 0)
            return null;
        if (authorization is null)
            return new RpcError(401, "AUTH_KEY_UNREGISTERED");
        if (authorization.PasswordPending && (entry.Access & HandlerAccess.PasswordPendingAllowed) == 0)
            return new RpcError(401, "SESSION_PASSWORD_NEEDED");
        if ((entry.Access & HandlerAccess.HomeDcOnly) != 0 && authorization.HomeDc != context.DcId)
            return new RpcError(303, $"USER_MIGRATE_{authorization.HomeDc}");
        if ((entry.Access & HandlerAccess.UsersOnly) != 0 && authorization.IsBot)
            return new RpcError(400, "BOT_METHOD_INVALID");
        if ((entry.Access & HandlerAccess.BotsOnly) != 0 && !authorization.IsBot)
            return new RpcError(400, "USER_BOT_REQUIRED");
        return null;
    }

    /// <summary>Peels the wrappers off, recording the layer and client info on the session.</summary>
    private TlFunction Unwrap(CallContext context, TlFunction request)
    {
        var function = request;
        for (var depth = 0; depth <= MaxWrapperDepth; depth++)
        {
            switch (function)
            {
                case F.InvokeWithLayer layer:
                    context.Layer = layer.Layer;
                    _world.RecordClient(context.DcId, context.AuthKeyId, layer.Layer, null);
                    function = layer.Query;
                    continue;
                case F.InitConnection init:
                    context.Client = new ClientInfo(init.ApiId, init.DeviceModel, init.SystemVersion, init.AppVersion, init.LangCode);
                    _world.RecordClient(context.DcId, context.AuthKeyId, 0, context.Client);
                    function = init.Query;
                    continue;
            }
            if (InnerQuery(function) is { } inner)
            {
                function = inner;
                continue;
            }
            if (!IsWrapper(function.ConstructorId))
                return function;
            // The typed form (InvokeWithLayer<TResult>, ... built in process): decode it into the form the wire gives.
            var bytes = function.ToBytes();
            var reader = new TlReader(bytes);
            function = TlRegistry.ReadFunction(ref reader);
        }
        throw new RpcError(400, "INPUT_REQUEST_TOO_LONG");
    }

    /// <summary>The method a request really calls, inside invokeWithLayer, initConnection and the other wrappers.</summary>
    public static TlFunction Innermost(TlFunction function)
    {
        for (var depth = 0; depth <= MaxWrapperDepth; depth++)
        {
            switch (function)
            {
                case F.InvokeWithLayer layer:
                    function = layer.Query;
                    continue;
                case F.InitConnection init:
                    function = init.Query;
                    continue;
            }
            if (InnerQuery(function) is not { } inner)
                return function;
            function = inner;
        }
        return function;
    }

    // The query of the wrappers that carry nothing the dispatcher records.
    private static TlFunction? InnerQuery(TlFunction function) => function switch
    {
        F.InvokeAfterMsg w => w.Query,
        F.InvokeAfterMsgs w => w.Query,
        F.InvokeWithoutUpdates w => w.Query,
        F.InvokeWithTakeout w => w.Query,
        F.InvokeWithMessagesRange w => w.Query,
        F.InvokeWithBusinessConnection w => w.Query,
        F.InvokeWithGooglePlayIntegrity w => w.Query,
        F.InvokeWithApnsSecret w => w.Query,
        F.InvokeWithReCaptcha w => w.Query,
        _ => null,
    };

    private static bool IsWrapper(uint id) => id is F.InvokeWithLayer.TlConstructorId or F.InitConnection.TlConstructorId
        or F.InvokeAfterMsg.TlConstructorId or F.InvokeAfterMsgs.TlConstructorId or F.InvokeWithoutUpdates.TlConstructorId
        or F.InvokeWithTakeout.TlConstructorId or F.InvokeWithMessagesRange.TlConstructorId or F.InvokeWithBusinessConnection.TlConstructorId
        or F.InvokeWithGooglePlayIntegrity.TlConstructorId or F.InvokeWithApnsSecret.TlConstructorId or F.InvokeWithReCaptcha.TlConstructorId;
}
