using BenchmarkDotNet.Attributes;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;

namespace Telethon.Benchmarks.Mtproto;

/// <summary>
/// The whole auth-key exchange: both sides in one in-memory loop with secure randomness, and each side
/// alone against a recorded transcript of the other (replaying the same random bytes, so every
/// invocation does the same work: one pq factorisation, RSA_PAD, the DH checks and two 2048-bit
/// exponentiations on the client; RSA_PAD decryption and two exponentiations on the server).
/// </summary>
[MemoryDiagnoser]
public class HandshakeBenchmarks
{
    private const long Now = 1_700_000_000;

    private readonly TimeProvider _time = new FixedTime();
    private RsaPrivateKey _key = null!;
    private byte[] _clientScript = [];
    private byte[] _serverScript = [];
    private List<byte[]> _clientMessages = [];
    private List<byte[]> _serverMessages = [];

    /// <summary>Makes a server key and records one exchange with fixed random bytes on both sides.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = RsaPrivateKey.Generate();
        var random = new Random(42);
        _clientScript = new byte[4096];
        _serverScript = new byte[4096];
        random.NextBytes(_clientScript);
        random.NextBytes(_serverScript);

        var client = NewClient(new ReplayRandom(_clientScript));
        var server = NewServer(new ReplayRandom(_serverScript));
        var request = client.Start();
        while (true)
        {
            _clientMessages.Add(request);
            var answer = server.Process(request).Outgoing!;
            _serverMessages.Add(answer);
            var step = client.Process(answer);
            if (step.IsComplete)
                break;
            request = step.Outgoing!;
        }
    }

    /// <summary>Client and server in one loop, fresh randomness (so a fresh pq) every time.</summary>
    [Benchmark]
    public long BothSidesInMemory()
    {
        var client = NewClient(SecureRandomSource.Instance);
        var server = NewServer(SecureRandomSource.Instance);
        var request = client.Start();
        while (true)
        {
            var answer = server.Process(request).Outgoing!;
            var step = client.Process(answer);
            if (step.IsComplete)
                return step.Result.KeyId;
            request = step.Outgoing!;
        }
    }

    /// <summary>The client side alone, fed the recorded server answers.</summary>
    [Benchmark]
    public long ClientAgainstRecordedServer()
    {
        var client = NewClient(new ReplayRandom(_clientScript));
        client.Start();
        AuthenticationStep step = null!;
        foreach (var answer in _serverMessages)
            step = client.Process(answer);
        return step.Result!.KeyId;
    }

    /// <summary>The server side alone, fed the recorded client requests.</summary>
    [Benchmark]
    public long ServerAgainstRecordedClient()
    {
        var server = NewServer(new ReplayRandom(_serverScript));
        AuthenticationStep step = null!;
        foreach (var request in _clientMessages)
            step = server.Process(request);
        return step.Result!.KeyId;
    }

    private ClientAuthenticator NewClient(IRandomSource random) => new(new ClientAuthenticatorOptions
    {
        PublicKeys = [_key.PublicKey],
        DcId = 2,
        Random = random,
        Time = _time,
    });

    private ServerAuthenticator NewServer(IRandomSource random) => new(new ServerAuthenticatorOptions
    {
        PrivateKeys = [_key],
        Random = random,
        Time = _time,
    });

    /// <summary>Hands out a fixed byte script in order, so that a replayed side redoes the recorded exchange.</summary>
    private sealed class ReplayRandom(byte[] script) : IRandomSource
    {
        private int _position;

        public void Fill(Span<byte> destination)
        {
            script.AsSpan(_position, destination.Length).CopyTo(destination);
            _position += destination.Length;
        }
    }

    /// <summary>A clock stopped at <see cref="Now"/>.</summary>
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
    }
}
