using Telethon.Session;
using Telethon.Tl.Types;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxPropertyTests
{
    private static readonly MessageBoxOptions Options = new()
    {
        ChannelPollInterval = TimeSpan.FromMinutes(10),
        ChannelDifferenceLimit = 5,
    };

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 24)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryUpdateComesOutOnceInOrderAcrossGapsDuplicatesReorderingAndDifferences(int seed)
    {
        var simulation = new UpdateStreamSimulation(seed, pushes: 400);

        simulation.Run(Options);

        AssertDeliveredExactlyTheGroundTruth(simulation);
    }

    [Fact]
    public void TheSimulationsCoverEveryPath()
    {
        var totals = new Dictionary<string, int>();
        foreach (var seed in Enumerable.Range(1, 24))
        {
            var simulation = new UpdateStreamSimulation(seed, pushes: 400);
            simulation.Run(Options);
            Add("withheld", simulation.DeliveriesWithheld);
            Add("duplicated", simulation.DeliveriesDuplicated);
            Add("getDifference", simulation.DifferenceRequests);
            Add("getChannelDifference", simulation.ChannelDifferenceRequests);
            Add("differenceSlice", simulation.Slices);
            Add("channelDifference not final", simulation.NonFinalChannelParts);
            Add("aborted", simulation.Aborts);
            Add("differenceTooLong", simulation.AccountTooLong);
            Add("channelDifferenceTooLong", simulation.ChannelTooLong);
            Add("users surfaced", simulation.UsersSurfaced);
        }

        Assert.All(totals, total => Assert.True(total.Value > 0, $"No {total.Key} in any simulation."));

        void Add(string name, int count) => totals[name] = totals.GetValueOrDefault(name) + count;
    }

    [Fact]
    public void WithoutLossTheBoxNeverAsksForADifferenceBeforeTheSilence()
    {
        var box = Box(pts: 0, qts: 0, seq: 0, channels: new Dictionary<long, int> { [1] = 0 });
        var random = new Random(7);
        var delivered = new List<long>();
        var pts = 0;
        var channelPts = 0;
        var now = 0.0;
        for (var id = 1; id <= 2000; id++)
        {
            now += random.Next(0, 50);
            var update = random.Next(3) switch
            {
                0 => Short(NewMessage(id, ++pts)),
                1 => Short(ChannelMessage(1, id, ++channelPts)),
                _ => (Telethon.Tl.Abcs.UpdatesBase)Short(Status(id)),
            };
            var result = box.Process(update, At(now));
            Assert.Empty(result.Actions);
            delivered.AddRange(Ids(result));
        }

        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), delivered);
        Assert.Equal(At(now).AddMinutes(15), box.NextDeadline);
    }

    private static void AssertDeliveredExactlyTheGroundTruth(UpdateStreamSimulation simulation)
    {
        var byId = simulation.Events.Values.SelectMany(events => events).ToDictionary(e => e.Id);
        var delivered = new Dictionary<long, List<long>>();
        foreach (var key in simulation.Events.Keys)
            delivered[key] = [];
        var statuses = new List<long>();
        foreach (var update in simulation.Delivered)
        {
            Assert.IsNotType<UpdateChannelTooLong>(update);
            var id = IdOf(update);
            if (update is UpdateUserStatus)
            {
                Assert.Contains(id, simulation.StatusIds);
                statuses.Add(id);
                continue;
            }
            Assert.True(byId.TryGetValue(id, out var e), $"Update {id} is not in the ground truth.");
            delivered[e!.Key].Add(id);
        }

        foreach (var (key, events) in simulation.Events)
        {
            var lost = simulation.Lost.GetValueOrDefault(key) ?? [];
            var expected = events.Where(e => !lost.Any(range => e.Pts > range.Local && e.Pts <= range.Server)).Select(e => e.Id).ToList();
            Assert.True(expected.SequenceEqual(delivered[key]),
                $"Sequence {key}: expected {expected.Count} updates [{string.Join(",", expected.Take(40))}...], " +
                $"got {delivered[key].Count} [{string.Join(",", delivered[key].Take(40))}...]; lost {string.Join(",", lost)}.");
        }
        Assert.Equal(statuses.Count, statuses.Distinct().Count());
        Assert.NotEmpty(statuses);

        var box = simulation.Box;
        Assert.False(box.IsGettingDifference);
        var state = box.GetState();
        Assert.Equal(simulation.FinalPts(UpdateStreamSimulation.AccountKey), state.Pts);
        Assert.Equal(simulation.FinalPts(UpdateStreamSimulation.QtsKey), state.Qts);
        Assert.Equal(simulation.FinalSeq, state.Seq);
        foreach (var channel in UpdateStreamSimulation.Channels)
        {
            Assert.False(box.IsGettingChannelDifference(channel));
            Assert.Equal(simulation.FinalPts(channel), state.ChannelPts[channel]);
        }
    }
}
