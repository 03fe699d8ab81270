using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.TestServer.Config;
using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tests.Crypto;
using Telethon.Tl;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

/// <summary>Records every push of one session, after checking it serializes and decodes.</summary>
public sealed class RecordingSink : IUpdateSink
{
    private readonly List<UpdatesBase> _pushes = [];

    /// <inheritdoc />
    public void Push(UpdatesBase updates)
    {
        var bytes = updates.ToBytes();
        var reader = new TlReader(bytes);
        var decoded = UpdatesBase.ReadBoxed(ref reader);
        lock (_pushes)
            _pushes.Add(decoded);
    }

    /// <summary>The pushes so far.</summary>
    public IReadOnlyList<UpdatesBase> Pushes
    {
        get
        {
            lock (_pushes)
                return [.. _pushes];
        }
    }

    /// <summary>Forgets the pushes so far.</summary>
    public void Clear()
    {
        lock (_pushes)
            _pushes.Clear();
    }
}

/// <summary>One session of a client: its call context and what was pushed to it.</summary>
public sealed class TestSession(CallContext context, RecordingSink sink, long userId)
{
    /// <summary>The call context.</summary>
    public CallContext Context { get; } = context;

    /// <summary>The pushes.</summary>
    public RecordingSink Sink { get; } = sink;

    /// <summary>The account, once logged in (0 before).</summary>
    public long UserId { get; set; } = userId;
}

/// <summary>A world, a dispatcher, a hand-moved clock and a ground-truth log; every call goes through the dispatcher and the TL codec.</summary>
public sealed class WorldHarness
{
    private long _nextKey = 0x1000;
    private long _randomId = 1;

    public WorldHarness(Func<WorldOptions, WorldOptions>? configure = null, FaultPlan? faults = null)
    {
        var options = new WorldOptions
        {
            WorldSecret = [1, 2, 3, 4, 5, 6, 7, 8],
            Time = Time,
            Random = new SeededRandom(7),
            GroundTruth = Truth,
            UpdateFaults = faults?.Updates,
            AllowBotAutocreate = false,
            Log = message =>
            {
                lock (_logged)
                    _logged.Add(message);
            },
        };
        World = new TelegramWorld(configure is null ? options : configure(options));
        Dispatcher = new RpcDispatcher(World, new RpcDispatcherOptions
        {
            DcEndpoints = [(1, "127.0.0.1", 10441), (2, "127.0.0.1", 10442), (3, "127.0.0.1", 10443), (4, "127.0.0.1", 10444), (5, "::1", 10445)],
            Faults = faults,
        });
    }

    private readonly List<string> _logged = [];

    /// <summary>The world's time when a harness is created.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The world's clock, moved by hand.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Asserts that no handler failed internally and no push failed to serialize.</summary>
    public void AssertClean()
    {
        Assert.Equal(0, Dispatcher.InternalErrorCount);
        lock (_logged)
            Assert.Empty(_logged);
    }

    public MemoryGroundTruthLog Truth { get; } = new();

    public TelegramWorld World { get; }

    public RpcDispatcher Dispatcher { get; }

    /// <summary>A new auth key and session on <paramref name="dc"/>, subscribed for pushes.</summary>
    public TestSession NewSession(int dc)
    {
        var key = Interlocked.Increment(ref _nextKey);
        var context = new CallContext(dc, key, key * 31);
        var sink = new RecordingSink();
        World.Subscribe(context.Session, sink);
        return new TestSession(context, sink, 0);
    }

    /// <summary>Another session on the same auth key.</summary>
    public TestSession SameKey(TestSession other)
    {
        var context = new CallContext(other.Context.DcId, other.Context.AuthKeyId, other.Context.SessionId + 1);
        var sink = new RecordingSink();
        World.Subscribe(context.Session, sink);
        return new TestSession(context, sink, other.UserId);
    }

    /// <summary>Registers a user and logs a new session in with the code (the phone's DC is its home).</summary>
    public TestSession Login(string phone, string first, string? username = null)
    {
        var id = World.FindUserByPhone(phone) ?? World.CreateUser(phone, first, "", username);
        var dc = phone[5] - '0';
        var session = NewSession(dc);
        var sent = (T.Auth.SentCode)Call(session, new TF.Auth.SendCode
        {
            PhoneNumber = phone,
            ApiId = 1,
            ApiHash = "hash",
            Settings = new T.CodeSettings(),
        });
        var auth = Call(session, new TF.Auth.SignIn { PhoneNumber = phone, PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = new string((char)('0' + dc), 5) });
        Assert.IsType<T.Auth.Authorization>(auth);
        session.UserId = id;
        return session;
    }

    /// <summary>Calls through the dispatcher; an rpc_error is thrown; the result is written and read back with the function's codec.</summary>
    public TResult Call<TResult>(TestSession session, TlFunction<TResult> function)
    {
        var outcome = Dispatcher.Invoke(session.Context, function);
        if (outcome.Error is { } error)
            throw error;
        var writer = new TlWriter(256);
        try
        {
            function.WriteResultObject(ref writer, outcome.Value);
            var reader = new TlReader(writer.WrittenSpan);
            var result = function.ReadResult(ref reader);
            Assert.Equal(0, reader.Remaining);
            return result;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Calls and expects an rpc_error.</summary>
    public RpcError Fail(TestSession session, TlFunction function)
    {
        var outcome = Dispatcher.Invoke(session.Context, function);
        Assert.True(outcome.IsError, $"{function.TlName} succeeded: {outcome.Value}");
        return outcome.Error!;
    }

    /// <summary>The input peer <paramref name="viewer"/> uses for user <paramref name="userId"/>.</summary>
    public T.InputPeerUser PeerUser(TestSession viewer, long userId) =>
        new() { UserId = userId, AccessHash = World.AccessHash(viewer.UserId, new PeerKey(PeerKind.User, userId)) };

    /// <summary>The input user <paramref name="viewer"/> uses for <paramref name="userId"/>.</summary>
    public T.InputUser InputUser(TestSession viewer, long userId) =>
        new() { UserId = userId, AccessHash = World.AccessHash(viewer.UserId, new PeerKey(PeerKind.User, userId)) };

    /// <summary>The input channel <paramref name="viewer"/> uses.</summary>
    public T.InputChannel InputChannel(TestSession viewer, long channelId) =>
        new() { ChannelId = channelId, AccessHash = World.AccessHash(viewer.UserId, new PeerKey(PeerKind.Channel, channelId)) };

    /// <summary>The input peer of a channel for <paramref name="viewer"/>.</summary>
    public T.InputPeerChannel PeerChannel(TestSession viewer, long channelId) =>
        new() { ChannelId = channelId, AccessHash = World.AccessHash(viewer.UserId, new PeerKey(PeerKind.Channel, channelId)) };

    /// <summary>Sends a text message.</summary>
    public UpdatesBase Send(TestSession from, InputPeer to, string text) =>
        Call(from, new TF.Messages.SendMessage { Peer = to, Message = text, RandomId = Interlocked.Increment(ref _randomId) });

    /// <summary>The client's 2FA answer to account.getPassword (PasswordSrp on the client side).</summary>
    public static T.InputCheckPasswordSRP Answer(T.Account.Password password, string attempt)
    {
        var algo = Assert.IsType<T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(password.CurrentAlgo);
        var parameters = new SrpParameters(algo.Salt1, algo.Salt2, algo.G, algo.P);
        var answer = PasswordSrp.ComputeAnswer(System.Text.Encoding.UTF8.GetBytes(attempt), parameters, password.SrpB!, new SeededRandom(11));
        return new T.InputCheckPasswordSRP { SrpId = password.SrpId!.Value, A = answer.A, M1 = answer.M1 };
    }
}
