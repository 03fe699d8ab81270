using System.Buffers.Binary;
using System.Text;
using Telethon.Crypto;
using Telethon.Transport;

namespace Telethon.Tests.Transport;

/// <summary>The obfuscated2 header: forbidden starts, redraws, and the server mirror.</summary>
public sealed class Obfuscated2Tests
{
    public static TheoryData<string> ForbiddenStarts() => new()
    {
        "ef",
        Hex("HEAD"),
        Hex("POST"),
        Hex("GET "),
        Hex("OPTI"),
        "16030102",
        "dddddddd",
        "eeeeeeee",
        "0102030400000000",
    };

    [Theory]
    [MemberData(nameof(ForbiddenStarts))]
    public void ForbiddenStartsAreRedrawn(string start)
    {
        var forbidden = Init(1, start);
        var good = Init(2, "");
        Assert.False(Obfuscated2.IsAcceptableInit(forbidden));
        Assert.True(Obfuscated2.IsAcceptableInit(good));

        var draws = 0;
        RandomFill random = span =>
        {
            (draws++ < 3 ? forbidden : good).CopyTo(span);
        };
        var header = new byte[64];
        using var client = Obfuscated2.CreateClient(random, TransportKind.Intermediate, 2, header);
        Assert.Equal(4, draws);
        Assert.Equal(good.AsSpan(0, 56).ToArray(), header.AsSpan(0, 56).ToArray());
        Assert.Throws<ArgumentException>(() => Obfuscated2.CreateClient(forbidden, TransportKind.Intermediate, 2, header));
    }

    [Fact]
    public void EndlesslyForbiddenRandomnessFailsInsteadOfLooping()
    {
        RandomFill random = span => span.Fill(0xef);
        Assert.Throws<InvalidOperationException>(() => Obfuscated2.CreateClient(random, TransportKind.Abridged, 1, new byte[64]));
    }

    [Theory]
    [InlineData(TransportKind.Abridged, (short)2, "efefefef")]
    [InlineData(TransportKind.Intermediate, (short)-3, "eeeeeeee")]
    [InlineData(TransportKind.PaddedIntermediate, (short)10002, "dddddddd")]
    public void HeaderCarriesTagAndDcUnderEncryption(TransportKind kind, short dc, string tag)
    {
        var init = Init(3, "");
        var header = new byte[64];
        using var client = Obfuscated2.CreateClient(init, kind, dc, header);
        Assert.Equal(init.AsSpan(0, 56).ToArray(), header.AsSpan(0, 56).ToArray());

        // Decrypting the whole header with the client's sending key shows tag and DC id in clear.
        using var peek = new AesCtr(init.AsSpan(8, 32), init.AsSpan(40, 16));
        var plain = new byte[64];
        peek.Transform(header, plain);
        Assert.Equal(tag, Convert.ToHexStringLower(plain.AsSpan(56, 4)));
        Assert.Equal(dc, BinaryPrimitives.ReadInt16LittleEndian(plain.AsSpan(60)));

        using var server = Obfuscated2.AcceptServer(header);
        Assert.Equal(kind, server.Kind);
        Assert.Equal(dc, server.DcId);
        Assert.Equal(Obfuscated2.TagOf(kind), BinaryPrimitives.ReadUInt32LittleEndian(plain.AsSpan(56)));

        // Both directions continue the streams keyed by the header.
        var message = Encoding.ASCII.GetBytes("client to server, then back");
        var wire = new byte[message.Length];
        var back = new byte[message.Length];
        client.Encryptor.Transform(message, wire);
        server.Decryptor.Transform(wire, back);
        Assert.Equal(message, back);
        server.Encryptor.Transform(message, wire);
        client.Decryptor.Transform(wire, back);
        Assert.Equal(message, back);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var init = Init(4, "");
        Assert.Throws<ArgumentException>(() => Obfuscated2.CreateClient(init.AsSpan(0, 63), TransportKind.Abridged, 1, new byte[64]));
        Assert.Throws<ArgumentException>(() => Obfuscated2.CreateClient(init, TransportKind.Abridged, 1, new byte[63]));
        Assert.Throws<ArgumentException>(() => Obfuscated2.CreateClient(init, TransportKind.Full, 1, new byte[64]));
        Assert.Throws<ArgumentException>(() => Obfuscated2.CreateClient(init, TransportKind.Abridged, 1, new byte[64], new byte[17]));
        Assert.Throws<ArgumentException>(() => Obfuscated2.AcceptServer(new byte[63]));
        Assert.Throws<ArgumentException>(() => Obfuscated2.TagOf(TransportKind.Full));
    }

    private static string Hex(string ascii) => Convert.ToHexStringLower(Encoding.ASCII.GetBytes(ascii));

    /// <summary>64 seeded bytes that start with <paramref name="startHex"/>, otherwise acceptable.</summary>
    private static byte[] Init(int seed, string startHex)
    {
        var init = new byte[64];
        new Random(seed).NextBytes(init);
        init[0] = 0x10;
        init[5] = 0x77;
        Convert.FromHexString(startHex).CopyTo(init, 0);
        return init;
    }
}
