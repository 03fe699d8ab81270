using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.TestServer.Config;
using Telethon.TestServer.Client;
using Telethon.TestServer.Network;
using Telethon.Tests.Support;
using Telethon.Transport;
using Abcs = Telethon.Tl.Abcs;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>
/// The test server over real loopback TCP, driven by a client built from the protocol state machines:
/// every transport, logins (code, sign-up, 2FA, bot token, migration), messages and their updates, and
/// hostile connections that must only ever close themselves.
/// </summary>
public sealed class TestServerNetworkTests
{
    private static TestServerOptions Sample() => new()
    {
        DcCount = 5,
        Config = TestServerConfig.Load(Path.Combine(Tl.TlSchemaIdTests.RepoRoot(), "config", "testserver.sample.conf")),
    };

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public async Task EveryTransportCarriesTheHandshakeAndRequests(TransportKind kind, bool obfuscated)
    {
        await using var server = await RunningServer.StartAsync();
        await using var client = await server.ConnectAsync(dc: 2, kind, obfuscated);
        var nearest = Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(2, nearest.ThisDc);
        var config = Assert.IsType<Types.Config>(await client.InvokeAsync(new Fn.Help.GetConfig()));
        Assert.Equal(2, config.ThisDc);
        foreach (var dc in server.Host.Dcs)
            Assert.Contains(config.DcOptions.OfType<Types.DcOption>(), o => o.Id == dc.Id && o.Port == dc.Port && o.IpAddress == "127.0.0.1");
        Assert.Equal(1, server.Host.AuthKeyCount);
    }

    [Fact]
    public async Task SignUpByCodeThenExchangeMessagesWithTheRightIdsAndPts()
    {
        await using var server = await RunningServer.StartAsync();
        await using var dave = await server.ConnectAsync(dc: 2);
        await using var erin = await server.ConnectAsync(dc: 2);
        var daveUser = await SignUpAsync(dave, "9996625555", "Dave");
        var erinUser = await SignUpAsync(erin, "9996626666", "Erin");

        // Dave finds Erin by phone (with the access hash as Dave sees it) and writes to her.
        var resolved = Assert.IsType<Types.Contacts.ResolvedPeer>(await dave.InvokeAsync(new Fn.Contacts.ResolvePhone { Phone = "9996626666" }));
        var erinAsSeen = Assert.IsType<Types.User>(Assert.Single(resolved.Users));
        Assert.Equal(erinUser.Id, erinAsSeen.Id);
        var erinState = Assert.IsType<Types.Updates.State>(await erin.InvokeAsync(new Fn.Updates.GetState()));

        var sent = await dave.InvokeAsync(new Fn.Messages.SendMessage
        {
            Peer = new Types.InputPeerUser { UserId = erinAsSeen.Id, AccessHash = erinAsSeen.AccessHash!.Value },
            Message = "hello Erin",
            RandomId = 1234,
        });
        var daveCopy = Assert.IsType<Types.UpdateShortSentMessage>(sent);
        Assert.True(daveCopy.Out);

        // Erin is pushed the message with her own message id and her next pts.
        var pushed = await erin.NextUpdateAsync<Types.UpdateShortMessage>(u => u.Message == "hello Erin");
        Assert.Equal(daveUser.Id, pushed.UserId);
        Assert.Equal(erinState.Pts + 1, pushed.Pts);
        Assert.Equal(1, pushed.PtsCount);
        var history = Assert.IsType<Types.Messages.Messages>(await erin.InvokeAsync(new Fn.Messages.GetHistory
        {
            Peer = new Types.InputPeerUser { UserId = daveUser.Id, AccessHash = await HashAsync(erin, daveUser.Id) },
            Limit = 10,
        }));
        var message = Assert.IsType<Types.Message>(Assert.Single(history.MessagesValue));
        Assert.Equal(pushed.Id, message.Id);
        Assert.Equal("hello Erin", message.MessageValue);
    }

    [Fact]
    public async Task WrongDcAnswersPhoneMigrateAndTwoFactorLoginChecksThePassword()
    {
        await using var server = await RunningServer.StartAsync(Sample());

        // Carol's number (99966 4 3333) lives on DC 4.
        await using var onDc2 = await server.ConnectAsync(dc: 2);
        var migrate = await Assert.ThrowsAsync<RpcError>(() => onDc2.InvokeAsync(SendCode("9996643333")));
        Assert.Equal(303, migrate.Code);
        Assert.Equal("PHONE_MIGRATE", migrate.Name);
        Assert.Equal(4, migrate.Value);

        // Bob has a password: the code alone is not enough; SRP over account.getPassword is.
        await using var bob = await server.ConnectAsync(dc: 2);
        var code = Assert.IsType<Types.Auth.SentCode>(await bob.InvokeAsync(SendCode("9996622222")));
        var needed = await Assert.ThrowsAsync<RpcError>(() => bob.InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = "9996622222", PhoneCodeHash = code.PhoneCodeHash, PhoneCode = "22222" }));
        Assert.Equal("SESSION_PASSWORD_NEEDED", needed.Name);
        var wrong = await Assert.ThrowsAsync<RpcError>(async () => await bob.InvokeAsync(new Fn.Auth.CheckPassword { Password = await SrpAsync(bob, "wrong horse") }));
        Assert.Equal("PASSWORD_HASH_INVALID", wrong.Name);
        var authorization = Assert.IsType<Types.Auth.Authorization>(await bob.InvokeAsync(new Fn.Auth.CheckPassword { Password = await SrpAsync(bob, "correct horse") }));
        Assert.Equal("Bob", Assert.IsType<Types.User>(authorization.User).FirstName);
    }

    [Fact]
    public async Task GroupAndSupergroupMessagesReachTheOtherMembersWithTheirIdsAndPts()
    {
        await using var server = await RunningServer.StartAsync(Sample());
        await using var alice = await server.ConnectAsync(dc: 2);
        await using var bob = await server.ConnectAsync(dc: 2);
        await using var bot = await server.ConnectAsync(dc: 2);
        await SignInAsync(alice, "9996621111");
        var bobCode = Assert.IsType<Types.Auth.SentCode>(await bob.InvokeAsync(SendCode("9996622222")));
        await Assert.ThrowsAsync<RpcError>(() => bob.InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = "9996622222", PhoneCodeHash = bobCode.PhoneCodeHash, PhoneCode = "22222" }));
        await bob.InvokeAsync(new Fn.Auth.CheckPassword { Password = await SrpAsync(bob, "correct horse") });
        await bot.InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:AAtestsecret" });

        var dialogs = Assert.IsType<Types.Messages.Dialogs>(await alice.InvokeAsync(new Fn.Messages.GetDialogs { OffsetPeer = new Types.InputPeerEmpty(), Limit = 20 }));
        var small = dialogs.Chats.OfType<Types.Chat>().Single(c => c.Title == "Group S");
        var mega = dialogs.Chats.OfType<Types.Channel>().Single(c => c.Title == "Group M");
        Assert.True(mega.Megagroup);

        // Small group: Bob's copy has Bob's own id and the next pts of Bob's account.
        var bobState = Assert.IsType<Types.Updates.State>(await bob.InvokeAsync(new Fn.Updates.GetState()));
        await alice.InvokeAsync(new Fn.Messages.SendMessage { Peer = new Types.InputPeerChat { ChatId = small.Id }, Message = "to the small group", RandomId = 1 });
        var inGroup = await bob.NextUpdateAsync<Types.UpdateShortChatMessage>(u => u.Message == "to the small group");
        Assert.Equal(small.Id, inGroup.ChatId);
        Assert.Equal(bobState.Pts + 1, inGroup.Pts);

        // Supergroup: one id for everyone, counted by the channel's own pts.
        var peer = new Types.InputPeerChannel { ChannelId = mega.Id, AccessHash = mega.AccessHash!.Value };
        var first = await alice.InvokeAsync(new Fn.Messages.SendMessage { Peer = peer, Message = "one", RandomId = 2 });
        var second = await alice.InvokeAsync(new Fn.Messages.SendMessage { Peer = peer, Message = "two", RandomId = 3 });
        var seenFirst = await NextChannelMessageAsync(bot, "one");
        var seenSecond = await NextChannelMessageAsync(bot, "two");
        Assert.Equal(seenFirst.Pts + 1, seenSecond.Pts);
        Assert.Equal(((Types.Message)seenFirst.Message).Id + 1, ((Types.Message)seenSecond.Message).Id);
        Assert.Equal(((Types.Message)seenFirst.Message).Id, SentId(first));
        Assert.Equal(((Types.Message)seenSecond.Message).Id, SentId(second));
    }

    [Fact]
    public async Task WithheldPushesComeBackThroughGetDifference()
    {
        var options = Sample() with
        {
            Faults = TestServerConfig.Parse("""
                telethon.test-server.faults.updates.withhold = [ { account = "@nobody", from-pts = 1, to-pts = 1 } ]
                """).Faults,
        };
        await using var server = await RunningServer.StartAsync(options);
        await using var alice = await server.ConnectAsync(dc: 2);
        await using var carol = await server.ConnectAsync(dc: 4);
        await SignInAsync(alice, "9996621111");
        await SignInAsync(carol, "9996643333");
        var start = Assert.IsType<Types.Updates.State>(await alice.InvokeAsync(new Fn.Updates.GetState()));
        server.Host.World.Options.UpdateFaults!.AddWithhold(new WithholdRule(new AccountSelector("@alice"), null, start.Pts + 2, start.Pts + 3));
        var resolved = Assert.IsType<Types.Contacts.ResolvedPeer>(await carol.InvokeAsync(new Fn.Contacts.ResolveUsername { Username = "alice" }));
        var aliceAsSeen = Assert.IsType<Types.User>(Assert.Single(resolved.Users));
        var to = new Types.InputPeerUser { UserId = aliceAsSeen.Id, AccessHash = aliceAsSeen.AccessHash!.Value };
        for (var i = 1; i <= 4; i++)
            await carol.InvokeAsync(new Fn.Messages.SendMessage { Peer = to, Message = $"m{i}", RandomId = i });

        // Alice's next pts 2 and 3 were withheld: she is pushed m1 and m4 only, and the gap says so.
        var pushedFirst = await alice.NextUpdateAsync<Types.UpdateShortMessage>(u => u.Message == "m1");
        var pushedLast = await alice.NextUpdateAsync<Types.UpdateShortMessage>();
        Assert.Equal("m4", pushedLast.Message);
        Assert.Equal(pushedFirst.Pts + 3, pushedLast.Pts);

        // A client holding m4 for the gap asks from the pts it has applied (m1's): everything after it comes back.
        var difference = Assert.IsType<Types.Updates.Difference>(await alice.InvokeAsync(new Fn.Updates.GetDifference { Pts = pushedFirst.Pts, Date = start.Date, Qts = start.Qts }));
        Assert.Equal(["m2", "m3", "m4"], difference.NewMessages.OfType<Types.Message>().Select(m => m.MessageValue).ToArray());
        Assert.Equal(pushedLast.Pts, Assert.IsType<Types.Updates.State>(difference.State).Pts);
    }

    [Fact]
    public async Task BotsSignInWithTheirToken()
    {
        await using var server = await RunningServer.StartAsync(Sample());
        await using var bot = await server.ConnectAsync(dc: 2);
        var authorization = Assert.IsType<Types.Auth.Authorization>(await bot.InvokeAsync(new Fn.Auth.ImportBotAuthorization
        {
            ApiId = 1,
            ApiHash = "hash",
            BotAuthToken = "7000001:AAtestsecret",
        }));
        var me = Assert.IsType<Types.User>(authorization.User);
        Assert.True(me.Bot);
        Assert.Equal("echo_bot", me.Username);
        var bad = await Assert.ThrowsAsync<RpcError>(() => bot.InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:wrong" }));
        Assert.Equal("ACCESS_TOKEN_INVALID", bad.Name);
    }

    [Fact]
    public async Task HostileConnectionsCloseOnlyThemselvesWithOneLogLine()
    {
        await using var server = await RunningServer.StartAsync();
        await using var good = await server.ConnectAsync(dc: 1);
        await good.InvokeAsync(new Fn.Help.GetNearestDc());

        // Garbage first bytes (an HTTP request), a wrong auth_key_id, an oversized frame.
        await using var http = await RawClientSocket.OpenAsync(server.Dc(1));
        await http.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        Assert.True(await http.ClosedAsync());

        await using var wrongKey = await server.ConnectAsync(dc: 1);
        var fake = new byte[64];
        BitConverter.TryWriteBytes(fake, 0x1122334455667788L);
        await wrongKey.SendFrameAsync(fake);
        var closed = await WaitClosedAsync(wrongKey);
        Assert.Equal(-404, Assert.IsType<TransportErrorException>(closed).Code);

        await using var oversized = await RawClientSocket.OpenAsync(server.Dc(1));
        await oversized.SendAsync([0xee, 0xee, 0xee, 0xee, 0xff, 0xff, 0xff, 0x7f]);
        Assert.True(await oversized.ClosedAsync());

        // The good client never noticed.
        var nearest = Assert.IsType<Types.NearestDc>(await good.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(1, nearest.ThisDc);
        await Eventually.UntilAsync(
            () => server.Log.Count(l => l.Contains("closed", StringComparison.Ordinal) || l.Contains("unknown auth_key_id", StringComparison.Ordinal)) >= 3,
            "a log line for each of the three hostile connections");
        Assert.Single(server.Log, l => l.Contains("UnknownTransportTag", StringComparison.Ordinal));
        Assert.Single(server.Log, l => l.Contains("unknown auth_key_id", StringComparison.Ordinal));
        Assert.Single(server.Log, l => l.Contains("FrameTooLarge", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PingDelayDisconnectClosesTheConnectionWhenNoPingFollows()
    {
        // The server's clock moves only when the test moves it, so the deadline is checked on either side without
        // timing anything. It starts at the real time, where the client's msg_ids are.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RunningServer.StartAsync(new TestServerOptions { Time = time });
        await using var client = await server.ConnectAsync(dc: 2);
        await client.InvokeAsync(new Fn.Help.GetNearestDc()); // the first request goes inside invokeWithLayer; a ping goes bare
        var pong = await client.InvokeAsync(new global::Telethon.Tl.Mtproto.Functions.PingDelayDisconnect { PingId = 42, DisconnectDelay = 1 });
        Assert.Equal(42, Assert.IsType<global::Telethon.Tl.Mtproto.Types.Pong>(pong).PingId);
        // The pong leaves before the server starts watching the deadline; the connection handles one frame after
        // another, so the answer to a later request means the watch has begun, before the clock moves.
        Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));

        // Short of the delay the connection stays open and answers.
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.Null(client.Closed);
        Assert.DoesNotContain(server.Log, l => l.Contains("ping_delay_disconnect", StringComparison.Ordinal));

        // Once the delay has passed with no ping since, the server closes it.
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitClosedAsync(client);
        Assert.Contains(server.Log, l => l.Contains("ping_delay_disconnect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownMethodsGetA400ErrorAndTheConnectionStays()
    {
        await using var server = await RunningServer.StartAsync();
        await using var client = await server.ConnectAsync(dc: 2);
        await client.InvokeAsync(new Fn.Help.GetNearestDc());
        var unknown = await Assert.ThrowsAsync<RpcError>(() => client.InvokeAsync(new UnknownFunction()));
        Assert.Equal(400, unknown.Code);
        Assert.Equal("INPUT_METHOD_INVALID", unknown.Name);
        Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));
    }

    [Fact]
    public async Task TheProgramPrintsItsDcsAsOneJsonLineAndStopsWhenStdinCloses()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Telethon.TestServer.dll");
        var keyFile = Path.Combine(Path.GetTempPath(), $"telethon-test-{Guid.NewGuid():N}.pem");
        File.WriteAllText(keyFile, SharedServerKey.Value.ToPem());
        var start = new ProcessStartInfo("dotnet", [dll, "--port", "0", "--dcs", "3", "--key", keyFile])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using var json = JsonDocument.Parse(line!);
            var dcs = json.RootElement.GetProperty("dcs").EnumerateArray().ToArray();
            Assert.Equal([1, 2, 3], dcs.Select(d => d.GetProperty("id").GetInt32()).ToArray());
            Assert.All(dcs, d => Assert.Equal("127.0.0.1", d.GetProperty("host").GetString()));
            Assert.Equal(223, json.RootElement.GetProperty("layer").GetInt32());
            var pem = json.RootElement.GetProperty("rsa_public_key_pem").GetString()!;
            var key = RsaPublicKey.FromPem(pem);
            Assert.Equal(((ulong)key.Fingerprint).ToString("x16"), json.RootElement.GetProperty("rsa_fingerprint").GetString());

            // A client that knows only that line can use it.
            var dc1 = new DcEndpoint(1, "127.0.0.1", dcs[0].GetProperty("port").GetInt32());
            await using (var client = await TestClient.ConnectAsync(dc1, key))
                Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc()));

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            File.Delete(keyFile);
        }
    }

    private static readonly Lazy<RsaPrivateKey> SharedServerKey = new(RsaPrivateKey.Generate);

    private static Fn.Auth.SendCode SendCode(string phone) => new()
    {
        PhoneNumber = phone,
        ApiId = 1,
        ApiHash = "hash",
        Settings = new Types.CodeSettings(),
    };

    private static async Task SignInAsync(TestClient client, string phone)
    {
        var code = Assert.IsType<Types.Auth.SentCode>(await client.InvokeAsync(SendCode(phone)));
        var dc = phone[5] - '0';
        Assert.IsType<Types.Auth.Authorization>(await client.InvokeAsync(new Fn.Auth.SignIn
        {
            PhoneNumber = phone,
            PhoneCodeHash = code.PhoneCodeHash,
            PhoneCode = new string((char)('0' + dc), 5),
        }));
    }

    private static async Task<Types.UpdateNewChannelMessage> NextChannelMessageAsync(TestClient client, string text)
    {
        var container = await client.NextUpdateAsync<Types.UpdatesConstructor>(u =>
            u.Updates.OfType<Types.UpdateNewChannelMessage>().Any(m => ((Types.Message)m.Message).MessageValue == text));
        return container.Updates.OfType<Types.UpdateNewChannelMessage>().Single(m => ((Types.Message)m.Message).MessageValue == text);
    }

    private static int SentId(Abcs.UpdatesBase sent) =>
        Assert.IsType<Types.UpdatesConstructor>(sent).Updates.OfType<Types.UpdateMessageID>().Single().Id;

    internal static async Task<Types.User> SignUpAsync(TestClient client, string phone, string name)
    {
        var code = Assert.IsType<Types.Auth.SentCode>(await client.InvokeAsync(SendCode(phone)));
        var dc = phone[5] - '0';
        var signIn = await client.InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = phone, PhoneCodeHash = code.PhoneCodeHash, PhoneCode = new string((char)('0' + dc), 5) });
        Assert.IsType<Types.Auth.AuthorizationSignUpRequired>(signIn);
        var signedUp = Assert.IsType<Types.Auth.Authorization>(await client.InvokeAsync(new Fn.Auth.SignUp
        {
            PhoneNumber = phone,
            PhoneCodeHash = code.PhoneCodeHash,
            FirstName = name,
            LastName = "",
        }));
        return Assert.IsType<Types.User>(signedUp.User);
    }

    // A private chat partner comes with its access hash (as this account sees it) in the dialogs.
    internal static async Task<long> HashAsync(TestClient client, long userId)
    {
        var dialogs = Assert.IsType<Types.Messages.Dialogs>(await client.InvokeAsync(new Fn.Messages.GetDialogs
        {
            OffsetPeer = new Types.InputPeerEmpty(),
            Limit = 10,
        }));
        return dialogs.Users.OfType<Types.User>().Single(u => u.Id == userId).AccessHash!.Value;
    }

    private static async Task<Abcs.InputCheckPasswordSRP> SrpAsync(TestClient client, string password)
    {
        var state = Assert.IsType<Types.Account.Password>(await client.InvokeAsync(new Fn.Account.GetPassword()));
        var algo = Assert.IsType<Types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(state.CurrentAlgo);
        var answer = PasswordSrp.ComputeAnswer(System.Text.Encoding.UTF8.GetBytes(password),
            new SrpParameters(algo.Salt1, algo.Salt2, algo.G, algo.P), state.SrpB!, SecureRandomSource.Instance);
        return new Types.InputCheckPasswordSRP { SrpId = state.SrpId!.Value, A = answer.A, M1 = answer.M1 };
    }

    private static async Task<Exception> WaitClosedAsync(TestClient client)
    {
        await Eventually.UntilAsync(() => client.Closed is not null, "the server to close the connection");
        return client.Closed!;
    }

    /// <summary>A function no schema has: what a client of another layer might send.</summary>
    private sealed class UnknownFunction : Telethon.Tl.TlFunction<bool>
    {
        public override uint ConstructorId => 0x0badf00d;

        public override string TlName => "test.unknown";

        public override void WriteBareTo(ref Telethon.Tl.TlWriter writer) => writer.WriteInt32(7);

        public override bool ReadResult(ref Telethon.Tl.TlReader reader) => reader.ReadBool();

        public override void WriteResult(ref Telethon.Tl.TlWriter writer, bool result) => writer.WriteBool(result);
    }
}
