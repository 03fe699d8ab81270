using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telethon.TestServer.Config;
using Telethon.TestServer.World;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

public sealed class ConfigAndFaultTests
{
    private static string SamplePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "testserver.sample.conf");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("config/testserver.sample.conf was not found above the test binaries.");
    }

    [Theory]
    [InlineData(99, 4, -674186242)]
    [InlineData(0, 1, -1996333887)]
    [InlineData(-5, 3, -1109522071)]
    public void AFaultPlansRandomStreamsHaveTheSameSeedsInEveryProcess(int seed, int stream, int expected) =>
        // Known answers of SplitMix64 computed outside .NET: a plan's faults must not depend on the process's hash seed.
        Assert.Equal(expected, FaultPlan.StreamSeed(seed, stream));

    [Fact]
    public void TheSampleConfigurationParsesAndSeedsAWorld()
    {
        var config = TestServerConfig.Load(SamplePath());
        Assert.Equal([1, 2, 3, 4, 5], config.World.DcIds);
        Assert.True(config.World.AllowBotAutocreate);
        Assert.Equal(16, config.World.WorldSecret!.Length);
        Assert.Equal(3, config.Seed.Accounts.Count);
        Assert.Equal("correct horse", config.Seed.Accounts[1].Password);
        Assert.Equal(["9996622222"], config.Seed.Accounts[0].Contacts);
        Assert.Equal(4, config.Seed.Bots[1].Dc);
        Assert.True(config.Seed.Channels[1].Broadcast);
        Assert.False(config.Seed.Channels[0].Broadcast);

        var faults = config.Faults;
        Assert.Equal(42, faults.Seed);
        Assert.Equal(2, faults.FloodRules.Count);
        Assert.Equal(new FloodRule("contacts.resolveUsername", new AccountSelector("@alice"), 3, TimeSpan.FromMinutes(1)), faults.FloodRules[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(50), faults.Delay.Min);
        Assert.Equal(["messages.getHistory"], faults.Delay.Methods);
        Assert.Equal(0.05, faults.Updates.ReorderProbability);
        Assert.Equal(new WithholdRule(new AccountSelector("@bobby"), null, 5, 7), faults.Updates.Withhold[0]);
        Assert.Equal(0, faults.Updates.Withhold[1].Channel);
        Assert.Equal(TimeSpan.FromMinutes(30), faults.SaltRotationInterval);

        var world = new TelegramWorld(config.World with { Time = new FakeTimeProvider(WorldHarness.Start) });
        var ids = config.Seed.ApplyTo(world);
        var alice = ids["9996621111"];
        Assert.Equal(alice, ids["@alice"]);
        Assert.Equal(new PeerKey(PeerKind.User, ids["@bobby"]), world.FindUsername("bobby"));
        Assert.Equal(new PeerKey(PeerKind.Channel, ids["News"]), world.FindUsername("@news_channel"));
        Assert.Equal(7000001, ids["7000001"]);
        Assert.True(world.Exists(new PeerKey(PeerKind.Chat, ids["Group S"])));
        Assert.True(world.Exists(new PeerKey(PeerKind.Channel, ids["Group M"])));

        var bobSession = new SessionKey(2, 77, 1);
        var sent = (T.Auth.SentCode)world.SendCode(bobSession, "9996622222");
        var needed = Assert.Throws<RpcError>(() => world.SignIn(bobSession, "9996622222", sent.PhoneCodeHash, "22222"));
        Assert.Equal("SESSION_PASSWORD_NEEDED", needed.RawMessage);
        var password = (T.Account.Password)world.GetPassword(bobSession);
        Assert.Equal("horse", password.Hint);
        Assert.IsType<T.Auth.Authorization>(world.CheckPassword(bobSession, WorldHarness.Answer(password, "correct horse")));
        Assert.Equal("USER_MIGRATE_4", Assert.Throws<RpcError>(() => world.ImportBotAuthorization(new SessionKey(2, 78, 1), "7000002:AAother")).RawMessage);
    }

    [Theory]
    [InlineData("telethon.test-server.faults.updates.reorder-probability = 1.5")]
    [InlineData("telethon.test-server.faults.flood = [ { method = x, max-calls = 0, window = 1s } ]")]
    [InlineData("telethon.test-server.seed.accounts = [ { first-name = NoPhone } ]")]
    [InlineData("telethon.test-server.seed.channels = [ { title = T, creator = x, type = forum } ]")]
    public void InvalidConfigurationsAreReported(string hocon) =>
        Assert.Throws<FormatException>(() => TestServerConfig.Parse(hocon));

    [Fact]
    public void AnEmptyConfigurationGivesTheDefaults()
    {
        var config = TestServerConfig.Parse("");
        Assert.Equal(new WorldOptions().DifferenceSliceSize, config.World.DifferenceSliceSize);
        Assert.Empty(config.Seed.Accounts);
        Assert.Same(FaultOptions.None, config.Faults);
    }

    [Fact]
    public void FloodRulesAnswerFloodWaitUntilTheWindowMoves()
    {
        var plan = new FaultPlan(new FaultOptions
        {
            FloodRules = [new FloodRule("messages.sendMessage", new AccountSelector("9996621111"), 2, TimeSpan.FromSeconds(10))],
        });
        var h = new WorldHarness(faults: plan);
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(a, h.PeerUser(a, b.UserId), "1");
        h.Time.Advance(TimeSpan.FromSeconds(3));
        h.Send(a, h.PeerUser(a, b.UserId), "2");
        var flood = h.Fail(a, new TF.Messages.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "3", RandomId = 500 });
        Assert.Equal(420, flood.Code);
        Assert.Equal("FLOOD_WAIT_7", flood.RawMessage);
        Assert.Equal(7, flood.Value);
        Assert.True(flood.Is(RpcErrors.FloodWait));

        for (var i = 0; i < 5; i++)
            h.Send(b, h.PeerUser(b, a.UserId), $"b{i}");
        h.Call(a, new TF.Updates.GetState());

        h.Time.Advance(TimeSpan.FromSeconds(7));
        h.Send(a, h.PeerUser(a, b.UserId), "3");
        Assert.Equal("FLOOD_WAIT_3", h.Fail(a, new TF.Messages.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "4", RandomId = 501 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void NetworkFaultDecisionsFollowTheSeed()
    {
        var options = new FaultOptions
        {
            Seed = 5,
            Connection = new ConnectionFaultOptions(DropAfterFrames: 4, DropProbability: 0.25),
            Delay = new DelayOptions(0.5, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), ["messages.getHistory"]),
            ForceNewSessionEvery = 3,
            SaltRotationInterval = TimeSpan.FromMinutes(1),
        };
        List<object> Decide()
        {
            var plan = new FaultPlan(options);
            var decisions = new List<object>();
            for (var frame = 1; frame <= 3; frame++)
                decisions.Add(plan.ShouldDropConnection(frame));
            for (var i = 0; i < 10; i++)
                decisions.Add(plan.NextDelay("messages.getHistory"));
            return decisions;
        }

        Assert.Equal(Decide(), Decide());
        var plan = new FaultPlan(options);
        Assert.True(plan.ShouldDropConnection(4));
        Assert.Equal(TimeSpan.Zero, plan.NextDelay("messages.sendMessage"));
        var delays = Enumerable.Range(0, 50).Select(_ => plan.NextDelay("messages.getHistory")).ToList();
        Assert.Contains(TimeSpan.Zero, delays);
        Assert.All(delays.Where(d => d != TimeSpan.Zero), d => Assert.InRange(d, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)));
        Assert.Equal([false, false, true, false, false, true], Enumerable.Range(1, 6).Select(n => plan.ShouldForceNewSession(n)));
        Assert.Equal(TimeSpan.FromMinutes(1), plan.SaltRotationInterval);
        Assert.False(new FaultPlan(FaultOptions.None).ShouldDropConnection(1_000_000));
    }

    [Fact]
    public void HeldAnswersWaitForTheirReleaseAndGoInOrder()
    {
        var faults = TestServerConfig.Parse("telethon.test-server.faults.hold = [\"help.getConfig\"]").Faults;
        Assert.Equal(["help.getConfig"], faults.HeldMethods);
        var plan = new FaultPlan(faults);
        var answered = new List<int>();
        Assert.True(plan.TryHold("help.getConfig", () => answered.Add(1)));
        Assert.True(plan.TryHold("help.getConfig", () => answered.Add(2)));
        Assert.False(plan.TryHold("help.getNearestDc", () => answered.Add(3)));
        Assert.Equal(2, plan.HeldCount("help.getConfig"));
        Assert.Empty(answered);

        Assert.Equal(2, plan.Release("help.getConfig"));
        Assert.Equal([1, 2], answered);
        Assert.Equal(0, plan.HeldCount("help.getConfig"));
        Assert.False(plan.TryHold("help.getConfig", () => answered.Add(4)));

        plan.Hold("help.getNearestDc");
        Assert.True(plan.TryHold("help.getNearestDc", () => answered.Add(5)));
        Assert.Equal(1, plan.Release("help.getNearestDc"));
        Assert.Equal([1, 2, 5], answered);
        Assert.Equal(0, plan.Release("help.getNearestDc"));
    }

    [Fact]
    public void GroundTruthIsWrittenAsJsonLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truth-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var log = new JsonLinesGroundTruthLog(path))
            {
                var h = new WorldHarness(o => o with { GroundTruth = log });
                var a = h.Login("9996621111", "A");
                var b = h.Login("9996622222", "B");
                h.Send(a, h.PeerUser(a, b.UserId), "hello");
                var channel = h.World.CreateChannel(a.UserId, "G", broadcast: false, memberIds: [b.UserId]);
                h.Send(b, h.PeerChannel(b, channel), "in channel");
            }
            var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(7, lines.Count);
            var first = lines[0];
            Assert.Equal("updateNewMessage", first.GetProperty("kind").GetString());
            Assert.Equal(1, first.GetProperty("pts").GetInt32());
            Assert.Equal(1, first.GetProperty("pts_count").GetInt32());
            Assert.Equal(JsonValueKind.Null, first.GetProperty("channel").ValueKind);
            Assert.Equal(1, first.GetProperty("message_id").GetInt32());
            var last = lines[^1];
            Assert.Equal("updateNewChannelMessage", last.GetProperty("kind").GetString());
            Assert.Equal(3, last.GetProperty("pts").GetInt32());
            Assert.Equal(3, last.GetProperty("message_id").GetInt32());
            Assert.True(last.GetProperty("channel").GetInt64() > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
