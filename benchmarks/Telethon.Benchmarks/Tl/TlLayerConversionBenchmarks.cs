using BenchmarkDotNet.Attributes;
using Telethon.TestServer.Layers;
using Telethon.Tl.Layers;

namespace Telethon.Benchmarks.Tl;

/// <summary>
/// Rewriting the reference messages.messages payload (601 objects) between layers, as the test server does for
/// every answer to a client of an older layer: 223 → 189 (answers and pushes) and 189 → 223 (what such a client's
/// answers look like when read back). Compare with <see cref="TlCodecBenchmarks"/>, which reads and writes the same payload.
/// </summary>
[MemoryDiagnoser]
public class TlLayerConversionBenchmarks
{
    private TlLayerConverter _down = null!;
    private TlLayerConverter _up = null!;
    private byte[] _current = null!;
    private byte[] _old = null!;

    /// <summary>Loads layer 189 and converts the payload once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var old = LayerCatalog.Packaged.Schema(189);
        _down = new TlLayerConverter(TlLayerSchema.Current, old);
        _up = new TlLayerConverter(old, TlLayerSchema.Current);
        _current = MessagesPayload.Build().ToBytes();
        _old = _down.ConvertResult("messages.getHistory", _current);
    }

    /// <summary>Layer 223 to layer 189.</summary>
    [Benchmark]
    public int To189() => _down.ConvertResult("messages.getHistory", _current).Length;

    /// <summary>Layer 189 to layer 223.</summary>
    [Benchmark]
    public int From189() => _up.ConvertResult("messages.getHistory", _old).Length;
}
