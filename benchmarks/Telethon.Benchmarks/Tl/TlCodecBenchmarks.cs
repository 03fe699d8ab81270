using BenchmarkDotNet.Attributes;
using Telethon.Tl;
using Types = Telethon.Tl.Types;

namespace Telethon.Benchmarks.Tl;

/// <summary>Serializing and deserializing the reference messages.messages payload (601 objects).</summary>
[MemoryDiagnoser]
public class TlCodecBenchmarks
{
    private Types.Messages.Messages _payload = null!;
    private byte[] _bytes = null!;

    /// <summary>Builds the payload once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = MessagesPayload.Build();
        _bytes = _payload.ToBytes();
    }

    /// <summary>Reads 601 objects from bytes.</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public object Deserialize() => MessagesPayload.Read(_bytes);

    /// <summary>Writes 601 objects into a pooled buffer.</summary>
    [Benchmark]
    public int Serialize()
    {
        var writer = new TlWriter(_bytes.Length);
        try
        {
            _payload.WriteTo(ref writer);
            return writer.Length;
        }
        finally
        {
            writer.Dispose();
        }
    }
}
