using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>What an account-log entry advances.</summary>
internal enum LogKind
{
    Pts,
    Qts,
    Seq,
}

/// <summary>One update in an account's log (for updates.getDifference).</summary>
internal sealed record AccountLogEntry(LogKind Kind, int Pts, int PtsCount, int Qts, int Date, Update Update, Message? NewMessage, PeerKey[] Refs);

/// <summary>A bounded log that remembers how far it was trimmed.</summary>
internal sealed class UpdateLog<T>(int capacity)
{
    private readonly LinkedList<T> _entries = new();

    public int Capacity { get; } = Math.Max(1, capacity);

    /// <summary>The pts (and qts) after the newest dropped entry: a client behind them cannot be served from the log.</summary>
    public int TrimmedPts { get; private set; }

    public int TrimmedQts { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<T> Entries => _entries;

    public void Add(T entry, Func<T, (int Pts, int Qts)> position)
    {
        _entries.AddLast(entry);
        while (_entries.Count > Capacity)
        {
            var (pts, qts) = position(_entries.First!.Value);
            TrimmedPts = Math.Max(TrimmedPts, pts);
            TrimmedQts = Math.Max(TrimmedQts, qts);
            _entries.RemoveFirst();
        }
    }
}
