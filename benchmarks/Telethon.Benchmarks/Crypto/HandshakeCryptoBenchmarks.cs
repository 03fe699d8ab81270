using BenchmarkDotNet.Attributes;
using Telethon.Crypto;

namespace Telethon.Benchmarks.Crypto;

/// <summary>The handshake's costly steps: pq factorisation and RSA_PAD on both sides.</summary>
[MemoryDiagnoser]
public class HandshakeCryptoBenchmarks
{
    private readonly byte[] _data = new byte[96];
    private RsaPrivateKey _key = null!;
    private byte[] _encrypted = [];
    /// <summary>
    /// The five products of two ~31-bit primes in the known-answer vectors; the time of one rho walk
    /// depends strongly on the number, so the benchmark splits all five.
    /// </summary>
    private static readonly ulong[] VectorPqs =
    [
        1470626929934143021, 2363612107535801713, 2804275833720261793, 1724114033281923457, 2694724800268887959,
    ];

    /// <summary>Makes a server key and one encrypted block.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = RsaPrivateKey.Generate();
        _encrypted = _key.PublicKey.EncryptRsaPad(_data, SecureRandomSource.Instance);
    }

    /// <summary>Splits the five vector pq values (OperationsPerInvoke reports the time of one).</summary>
    [Benchmark(OperationsPerInvoke = 5)]
    public ulong FactorizeVectors()
    {
        ulong sum = 0;
        foreach (var pq in VectorPqs)
            sum += PqFactorizer.Factorize(pq).P;
        return sum;
    }

    /// <summary>The client's RSA_PAD encryption of p_q_inner_data.</summary>
    [Benchmark]
    public byte[] RsaPadEncrypt() => _key.PublicKey.EncryptRsaPad(_data, SecureRandomSource.Instance);

    /// <summary>The server's RSA_PAD decryption.</summary>
    [Benchmark]
    public byte[] RsaPadDecrypt() => _key.DecryptRsaPad(_encrypted);
}
