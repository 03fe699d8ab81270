using BenchmarkDotNet.Attributes;
using Telethon.Crypto;

namespace Telethon.Benchmarks.Crypto;

/// <summary>AES-256-IGE throughput at a typical message size and at a large file chunk size.</summary>
[MemoryDiagnoser]
public class AesIgeBenchmarks
{
    private readonly byte[] _key = new byte[AesIge.KeySize];
    private readonly byte[] _iv = new byte[AesIge.IvSize];
    private byte[] _data = [];

    /// <summary>Input size in bytes: 1 KiB and 512 KiB.</summary>
    [Params(1024, 512 * 1024)]
    public int Size { get; set; }

    /// <summary>Fills the key, IV and data with reproducible bytes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        random.NextBytes(_key);
        random.NextBytes(_iv);
        _data = new byte[Size];
        random.NextBytes(_data);
    }

    /// <summary>Encrypts the buffer in place.</summary>
    [Benchmark]
    public void Encrypt() => AesIge.Encrypt(_key, _iv, _data);

    /// <summary>Decrypts the buffer in place.</summary>
    [Benchmark]
    public void Decrypt() => AesIge.Decrypt(_key, _iv, _data);
}
