using System.Text;
using System.Text.Json;

namespace Telethon.TestServer.World;

/// <summary>
/// One update the world delivered to an account: what a correct client must eventually have seen
/// (through a push, an RPC answer or a difference), whatever faults were applied to the push.
/// </summary>
/// <param name="Account">The user id of the receiving account.</param>
/// <param name="Kind">The logical TL update name (<c>updateNewMessage</c> also for the short forms).</param>
/// <param name="Pts">The pts after the update (account pts, or the channel's pts when <paramref name="Channel"/> is set); 0 for updates without pts.</param>
/// <param name="PtsCount">The pts_count of the update.</param>
/// <param name="Channel">The channel id for channel updates, else null.</param>
/// <param name="MessageId">The message id the update is about (the first one for deletions), else null.</param>
/// <param name="Qts">The qts after the update for qts updates, else null.</param>
public sealed record GroundTruthRecord(long Account, string Kind, int Pts, int PtsCount, long? Channel, int? MessageId, int? Qts = null)
{
    /// <summary>The record as one JSON object (the JSON-lines form).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("account", Account);
            json.WriteString("kind", Kind);
            json.WriteNumber("pts", Pts);
            json.WriteNumber("pts_count", PtsCount);
            if (Channel is { } channel)
                json.WriteNumber("channel", channel);
            else
                json.WriteNull("channel");
            if (MessageId is { } id)
                json.WriteNumber("message_id", id);
            else
                json.WriteNull("message_id");
            if (Qts is { } qts)
                json.WriteNumber("qts", qts);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>Receives one record per update the world delivers to an account. Called outside the world's locks, in delivery order.</summary>
public interface IGroundTruthLog
{
    /// <summary>Records one delivered update.</summary>
    void Record(GroundTruthRecord record);
}

/// <summary>Keeps the records in memory (for tests).</summary>
public sealed class MemoryGroundTruthLog : IGroundTruthLog
{
    private readonly List<GroundTruthRecord> _records = [];

    /// <inheritdoc />
    public void Record(GroundTruthRecord record)
    {
        lock (_records)
            _records.Add(record);
    }

    /// <summary>A copy of the records so far.</summary>
    public IReadOnlyList<GroundTruthRecord> Records
    {
        get
        {
            lock (_records)
                return [.. _records];
        }
    }
}

/// <summary>Appends each record as one JSON line to a file (flushed per line, so a crash loses nothing written).</summary>
public sealed class JsonLinesGroundTruthLog : IGroundTruthLog, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>Opens (and appends to) <paramref name="path"/>.</summary>
    public JsonLinesGroundTruthLog(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false))
        {
            NewLine = "\n",
        };
    }

    /// <inheritdoc />
    public void Record(GroundTruthRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = record.ToJson();
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
            _writer.Dispose();
    }
}
