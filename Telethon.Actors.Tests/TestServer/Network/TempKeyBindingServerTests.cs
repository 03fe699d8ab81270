using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.TestServer.Client;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Crypto;
using Telethon.Transport;
using Fn = Telethon.Tl.Functions;
using MtTypes = Telethon.Tl.Mtproto.Types;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>
/// Perfect forward secrecy on the test server, over loopback TCP: auth.bindTempAuthKey checks every field of the binding,
/// a bound temporary key acts for its permanent key (authorization, pushes), a new binding replaces the old one, and a
/// temporary key is unknown (-404) once it expires on the server's clock.
/// </summary>
public sealed class TempKeyBindingServerTests
{
    private const string BotToken = "7000001:AAtestsecret";

    private static TestServerOptions Sample(TimeProvider? time = null) => new()
    {
        DcCount = 5,
        Config = TestServerConfig.Load(Path.Combine(Tl.TlSchemaIdTests.RepoRoot(), "config", "testserver.sample.conf")),
        Time = time ?? TimeProvider.System,
    };

    // A first call settles the server salt (a binding sent again under a new msg_id no longer matches its message).
    private static async Task<TestClient> TemporaryAsync(RunningServer server, int expiresIn = 3600)
    {
        var client = await TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, TransportKind.Intermediate, temporaryKeyExpiresIn: expiresIn);
        Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));
        return client;
    }

    private static Task<bool> BindAsync(TestClient temporary, AuthKey permanent, int expiresAt, int seed = 11) =>
        temporary.InvokeAsync(msgId => TempKeyBinding.CreateRequest(permanent, temporary.Key.KeyId, temporary.SessionId, msgId, expiresAt, new SeededRandom(seed)));

    private static int InAnHour(TimeProvider time) => (int)time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();

    private static async Task<long> BotAsync(TestClient client)
    {
        var authorization = Assert.IsType<Types.Auth.Authorization>(await client.InvokeAsync(
            new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = BotToken }));
        return Assert.IsType<Types.User>(authorization.User).Id;
    }

    [Fact]
    public async Task A_bound_temporary_key_acts_for_the_permanent_key_without_a_second_authorization()
    {
        await using var server = await RunningServer.StartAsync(Sample());
        await using var permanent = await server.ConnectAsync(dc: 2);
        var botId = await BotAsync(permanent);
        await using var temporary = await TemporaryAsync(server);
        Assert.True(server.Host.IsTemporaryKey(2, temporary.Key.KeyId));
        Assert.False(server.Host.IsTemporaryKey(2, permanent.Key.KeyId));

        // Unbound, the temporary key is nobody.
        var before = await Assert.ThrowsAsync<RpcError>(() => temporary.InvokeAsync(new Fn.Updates.GetState()));
        Assert.Equal("AUTH_KEY_UNREGISTERED", before.Name);

        Assert.True(await BindAsync(temporary, permanent.Key.Key, InAnHour(TimeProvider.System)));
        Assert.Equal(1, server.Host.TemporaryKeyBindings);
        Assert.Equal(temporary.Key.KeyId, server.Host.BoundTemporaryKey(2, permanent.Key.KeyId));

        // Bound, it is the bot: same account, same authorization, and the bot's pushes reach its session.
        var users = await temporary.InvokeAsync(new Fn.Users.GetUsers { Id = [new Types.InputUserSelf()] });
        Assert.Equal(botId, Assert.IsType<Types.User>(Assert.Single(users)).Id);
        Assert.Equal(1, server.Host.World.AuthorizationCount(botId));
        await using var alice = await server.ConnectAsync(dc: 2);
        await SignInAsync(alice, "9996621111");
        var resolved = Assert.IsType<Types.Contacts.ResolvedPeer>(await alice.InvokeAsync(new Fn.Contacts.ResolveUsername { Username = "echo_bot" }));
        var bot = Assert.IsType<Types.User>(Assert.Single(resolved.Users));
        await alice.InvokeAsync(new Fn.Messages.SendMessage
        {
            Peer = new Types.InputPeerUser { UserId = bot.Id, AccessHash = bot.AccessHash!.Value },
            Message = "over the temporary key",
            RandomId = 77,
        });
        var pushed = await temporary.NextUpdateAsync<Types.UpdateShortMessage>(u => u.Message == "over the temporary key");
        Assert.False(pushed.Out);
        Assert.Equal(0, server.Host.Dispatcher.InternalErrorCount);
    }

    [Fact]
    public async Task Every_wrong_field_of_a_binding_is_refused_and_binds_nothing()
    {
        await using var server = await RunningServer.StartAsync(Sample());
        await using var permanent = await server.ConnectAsync(dc: 2);
        await BotAsync(permanent);
        await using var temporary = await TemporaryAsync(server);
        await using var otherTemporary = await TemporaryAsync(server);
        var perm = permanent.Key.Key;
        var expiresAt = InAnHour(TimeProvider.System);
        var random = new SeededRandom(21);

        // Sent on the permanent key: no temporary key to bind.
        var onPermanent = await Assert.ThrowsAsync<RpcError>(() => permanent.InvokeAsync(
            msgId => TempKeyBinding.CreateRequest(perm, permanent.Key.KeyId, permanent.SessionId, msgId, expiresAt, random)));
        Assert.Equal((400, "TEMP_AUTH_KEY_EMPTY"), (onPermanent.Code, onPermanent.Name));

        // One wrong thing at a time, each a correct binding otherwise.
        var wrongs = new Dictionary<string, Func<long, Fn.Auth.BindTempAuthKey>>
        {
            ["an unknown permanent key"] = msgId => Bind(Key(5), msgId),
            ["a temporary key as the permanent one"] = msgId => Bind(otherTemporary.Key.Key, msgId),
            ["the nonce"] = msgId => With(Bind(perm, msgId), b => b.Nonce++),
            ["expires_at"] = msgId => With(Bind(perm, msgId), b => b.ExpiresAt--),
            ["perm_auth_key_id"] = msgId => With(Bind(perm, msgId), b => b.PermAuthKeyId = otherTemporary.Key.KeyId),
            ["the inner temp_auth_key_id"] = msgId => Inner(msgId, i => i.TempAuthKeyId = otherTemporary.Key.KeyId),
            ["the inner perm_auth_key_id"] = msgId => Inner(msgId, i => i.PermAuthKeyId++),
            ["the inner temp_session_id"] = msgId => Inner(msgId, i => i.TempSessionId++),
            ["the inner expires_at"] = msgId => Inner(msgId, i => i.ExpiresAt++),
            ["the inner nonce"] = msgId => Inner(msgId, i => i.Nonce++),
            ["the inner msg_id"] = msgId => Inner(msgId, _ => { }, innerMsgId: msgId + 4),
            ["the inner seq_no"] = msgId => Inner(msgId, _ => { }, seqNo: 1),
            ["a flipped byte"] = msgId => With(Bind(perm, msgId), b => b.EncryptedMessage[^5] ^= 0x40),
            ["a short message"] = msgId => With(Bind(perm, msgId), b => b.EncryptedMessage = b.EncryptedMessage[..^16]),
        };
        foreach (var (what, build) in wrongs)
        {
            var refused = await Assert.ThrowsAsync<RpcError>(() => temporary.InvokeAsync(build));
            Assert.True(refused is { Code: 400, Name: "ENCRYPTED_MESSAGE_INVALID" }, $"{what}: {refused.RawMessage}");
        }
        Assert.Equal(0, server.Host.TemporaryKeyBindings);
        Assert.Null(server.Host.BoundTemporaryKey(2, perm.Id));
        Assert.Equal("AUTH_KEY_UNREGISTERED", (await Assert.ThrowsAsync<RpcError>(() => temporary.InvokeAsync(new Fn.Updates.GetState()))).Name);

        // The right binding passes; the same temporary key cannot then serve another permanent key.
        Assert.True(await temporary.InvokeAsync(msgId => Bind(perm, msgId)));
        await using var secondPermanent = await server.ConnectAsync(dc: 2);
        var taken = await Assert.ThrowsAsync<RpcError>(() => temporary.InvokeAsync(msgId => Bind(secondPermanent.Key.Key, msgId)));
        Assert.Equal((400, "TEMP_AUTH_KEY_ALREADY_BOUND"), (taken.Code, taken.Name));
        Assert.Equal(1, server.Host.TemporaryKeyBindings);
        Assert.Equal(0, server.Host.Dispatcher.InternalErrorCount);

        Fn.Auth.BindTempAuthKey Bind(AuthKey key, long msgId) =>
            TempKeyBinding.CreateRequest(key, temporary.Key.KeyId, temporary.SessionId, msgId, expiresAt, random);

        Fn.Auth.BindTempAuthKey Inner(long msgId, Action<MtTypes.BindAuthKeyInner> change, long? innerMsgId = null, int seqNo = 0)
        {
            var inner = new MtTypes.BindAuthKeyInner
            {
                Nonce = 99,
                TempAuthKeyId = temporary.Key.KeyId,
                PermAuthKeyId = perm.Id,
                TempSessionId = temporary.SessionId,
                ExpiresAt = expiresAt,
            };
            change(inner);
            return new Fn.Auth.BindTempAuthKey
            {
                PermAuthKeyId = perm.Id,
                Nonce = 99,
                ExpiresAt = expiresAt,
                EncryptedMessage = TempKeyBinding.Encrypt(perm, innerMsgId ?? msgId, inner, random, seqNo),
            };
        }
    }

    [Fact]
    public async Task A_new_binding_replaces_the_previous_temporary_key()
    {
        await using var server = await RunningServer.StartAsync(Sample());
        await using var permanent = await server.ConnectAsync(dc: 2);
        var botId = await BotAsync(permanent);
        await using var first = await TemporaryAsync(server);
        await using var second = await TemporaryAsync(server);
        var expiresAt = InAnHour(TimeProvider.System);

        Assert.True(await BindAsync(first, permanent.Key.Key, expiresAt));
        Assert.Equal(botId, Assert.IsType<Types.User>(Assert.Single(await first.InvokeAsync(new Fn.Users.GetUsers { Id = [new Types.InputUserSelf()] }))).Id);
        Assert.True(await BindAsync(second, permanent.Key.Key, expiresAt, seed: 12));

        Assert.Equal(botId, Assert.IsType<Types.User>(Assert.Single(await second.InvokeAsync(new Fn.Users.GetUsers { Id = [new Types.InputUserSelf()] }))).Id);
        var replaced = await Assert.ThrowsAsync<RpcError>(() => first.InvokeAsync(new Fn.Updates.GetState()));
        Assert.Equal("AUTH_KEY_UNREGISTERED", replaced.Name);
        Assert.Equal(second.Key.KeyId, server.Host.BoundTemporaryKey(2, permanent.Key.KeyId));
        Assert.Equal(2, server.Host.TemporaryKeyBindings);
        Assert.Equal(1, server.Host.World.AuthorizationCount(botId));
    }

    [Fact]
    public async Task A_temporary_key_is_unknown_once_it_expires_or_its_binding_runs_out()
    {
        // The server's clock moves by hand (the clients keep theirs: less than the 30 s a msg_id may lead by).
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(Sample(clock));
        await using var permanent = await server.ConnectAsync(dc: 2);
        await BotAsync(permanent);

        // expires_in runs out: the next message is refused with -404 and the connection closes.
        await using var unbound = await TemporaryAsync(server, expiresIn: 20);
        clock.Advance(TimeSpan.FromSeconds(19));
        Assert.IsType<Types.NearestDc>(await unbound.InvokeAsync(new Fn.Help.GetNearestDc()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(-404, (await RefusedAsync(() => unbound.InvokeAsync(new Fn.Help.GetNearestDc()))).Code);
        Assert.False(server.Host.IsTemporaryKey(2, unbound.Key.KeyId));

        // A binding's expires_at before the key's own end ends it sooner.
        await using var bound = await TemporaryAsync(server, expiresIn: 3600);
        Assert.True(await BindAsync(bound, permanent.Key.Key, (int)clock.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds()));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.IsType<Types.Updates.State>(await bound.InvokeAsync(new Fn.Updates.GetState()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(-404, (await RefusedAsync(() => bound.InvokeAsync(new Fn.Updates.GetState()))).Code);
        Assert.Null(server.Host.BoundTemporaryKey(2, permanent.Key.KeyId));

        // The permanent key is not touched by any of it.
        Assert.IsType<Types.Updates.State>(await permanent.InvokeAsync(new Fn.Updates.GetState()));
    }

    // The transport error that refused the key. The client may meet it on the request, or already on the acknowledgement
    // of the answer before it (sent on its own once the clock had moved on), which closes the connection first.
    private static async Task<TransportErrorException> RefusedAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(call);
        return error as TransportErrorException
            ?? Assert.IsType<TransportErrorException>(Assert.IsType<IOException>(error).InnerException);
    }

    private static AuthKey Key(int seed)
    {
        var bytes = new byte[256];
        new SeededRandom(seed).Fill(bytes);
        return new AuthKey(bytes);
    }

    private static Fn.Auth.BindTempAuthKey With(Fn.Auth.BindTempAuthKey bind, Action<Fn.Auth.BindTempAuthKey> change)
    {
        change(bind);
        return bind;
    }

    private static async Task SignInAsync(TestClient client, string phone)
    {
        var code = Assert.IsType<Types.Auth.SentCode>(await client.InvokeAsync(new Fn.Auth.SendCode
        {
            PhoneNumber = phone,
            ApiId = 1,
            ApiHash = "hash",
            Settings = new Types.CodeSettings(),
        }));
        Assert.IsType<Types.Auth.Authorization>(await client.InvokeAsync(new Fn.Auth.SignIn
        {
            PhoneNumber = phone,
            PhoneCodeHash = code.PhoneCodeHash,
            PhoneCode = new string((char)('0' + (phone[5] - '0')), 5),
        }));
    }
}
