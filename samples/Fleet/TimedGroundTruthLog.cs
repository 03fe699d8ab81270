using System.Diagnostics;
using Telethon.TestServer.World;

namespace Telethon.Samples.Fleet;

/// <summary>Keeps the ground-truth records in memory with the moment each was delivered, so losses can be placed around the kill.</summary>
internal sealed class TimedGroundTruthLog : IGroundTruthLog
{
    private readonly List<(GroundTruthRecord Record, long Timestamp)> _records = [];

    public void Record(GroundTruthRecord record)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_records)
            _records.Add((record, now));
    }

    /// <summary>The records so far, from <paramref name="start"/> on (an index the caller kept), with their timestamps.</summary>
    public List<(GroundTruthRecord Record, long Timestamp)> Since(int start)
    {
        lock (_records)
            return start >= _records.Count ? [] : _records.GetRange(start, _records.Count - start);
    }
}
