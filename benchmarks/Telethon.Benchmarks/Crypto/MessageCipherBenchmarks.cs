using BenchmarkDotNet.Attributes;
using Telethon.Crypto;

namespace Telethon.Benchmarks.Crypto;

/// <summary>One MTProto 2.0 message of 1 KiB: encrypt (client → server) and decrypt it again on the other side.</summary>
[MemoryDiagnoser]
public class MessageCipherBenchmarks
{
    private readonly byte[] _plaintext = new byte[1024];
    private readonly byte[] _encrypted = new byte[MtProtoCipher.GetEncryptedLength(1024)];
    private readonly byte[] _decrypted = new byte[MtProtoCipher.GetEncryptedLength(1024)];
    private AuthKey _authKey = null!;

    /// <summary>Makes the key and the message.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var key = new byte[256];
        new Random(1).NextBytes(key);
        new Random(2).NextBytes(_plaintext);
        _authKey = new AuthKey(key);
    }

    /// <summary>Encrypts and decrypts one 1 KiB message.</summary>
    [Benchmark]
    public int EncryptThenDecrypt1KiB()
    {
        var length = MtProtoCipher.Encrypt(_authKey, _plaintext, MessageDirection.ClientToServer, SecureRandomSource.Instance, _encrypted);
        return MtProtoCipher.Decrypt(_authKey, _encrypted.AsSpan(0, length), MessageDirection.ClientToServer, _decrypted);
    }
}
