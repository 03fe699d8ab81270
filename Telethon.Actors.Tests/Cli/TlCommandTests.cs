using System.Text.Json;
using Telethon.Cli;
using Telethon.Tl;

namespace Telethon.Tests.Cli;

/// <summary>The <c>tl</c> commands of the command-line tool, run in-process.</summary>
public sealed class TlCommandTests
{
    [Fact]
    public async Task StatsReportsLayer223AndTheSchemaCounts()
    {
        var (code, output) = await Run(["tl", "stats"]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(223, json.RootElement.GetProperty("layer").GetInt32());
        Assert.Equal(1548, json.RootElement.GetProperty("constructors").GetInt32());
        Assert.Equal(767, json.RootElement.GetProperty("functions").GetInt32());
        Assert.Equal(TlRegistry.Service.Count(c => !c.IsFunction), json.RootElement.GetProperty("service_constructors").GetInt32());
        Assert.Equal(TlRegistry.Service.Count(c => c.IsFunction), json.RootElement.GetProperty("service_functions").GetInt32());
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task DecodeAndEncodeRoundTripAnObject()
    {
        var message = new Telethon.Tl.Types.Message
        {
            Id = 7,
            Out = true,
            PeerId = new Telethon.Tl.Types.PeerChannel { ChannelId = 1234567890123 },
            Date = 1_700_000_000,
            MessageValue = "héllo \"world\"",
            Entities = [new Telethon.Tl.Types.MessageEntityBold { Offset = 0, Length = 5 }],
            Views = 3,
            Forwards = 0,
        };
        var hex = Convert.ToHexStringLower(message.ToBytes());

        var (code, json) = await Run(["tl", "decode", hex]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("message", root.GetProperty("_").GetString());
        Assert.True(root.GetProperty("out").GetBoolean());
        Assert.False(root.TryGetProperty("mentioned", out _)); // clear true flags are omitted
        Assert.False(root.TryGetProperty("flags", out _)); // # fields are omitted
        Assert.False(root.TryGetProperty("media", out _)); // absent conditional fields are omitted
        Assert.Equal(1234567890123, root.GetProperty("peer_id").GetProperty("channel_id").GetInt64());
        Assert.Equal("peerChannel", root.GetProperty("peer_id").GetProperty("_").GetString());
        Assert.Equal("héllo \"world\"", root.GetProperty("message").GetString());
        Assert.Equal("messageEntityBold", root.GetProperty("entities")[0].GetProperty("_").GetString());

        var (encodeCode, encoded) = await Run(["tl", "encode"], json);
        Assert.Equal(0, encodeCode);
        Assert.Equal(hex, encoded.Trim());
    }

    [Fact]
    public async Task EncodeAndDecodeSpeakAnotherLayerWithLayer()
    {
        // messages.sendMessage changed its id since layer 189: the bytes of each layer carry that layer's id.
        const string json = """{"_":"messages.sendMessage","peer":{"_":"inputPeerSelf"},"message":"hi","random_id":5}""";
        var (code, hex189) = await Run(["tl", "encode", "--layer", "189"], json);
        Assert.Equal(0, code);
        var (_, hex223) = await Run(["tl", "encode"], json);
        Assert.NotEqual(hex223.Trim()[..8], hex189.Trim()[..8]);
        var sendMessage189 = Telethon.TestServer.Layers.LayerCatalog.Packaged.Schema(189).Find("messages.sendMessage")!;
        Assert.Equal(sendMessage189.Id, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(hex189.Trim())));

        var (decodeCode, back) = await Run(["tl", "decode", "--layer", "189", hex189.Trim()]);
        Assert.Equal(0, decodeCode);
        using var doc = JsonDocument.Parse(back);
        Assert.Equal("messages.sendMessage", doc.RootElement.GetProperty("_").GetString());
        Assert.Equal("hi", doc.RootElement.GetProperty("message").GetString());
        Assert.Equal(5, doc.RootElement.GetProperty("random_id").GetInt64());

        var (unknown, error) = await Run(["tl", "decode", "--layer", "150", hex189.Trim()]);
        Assert.NotEqual(0, unknown);
        Assert.Contains("layer 150 is not known", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HexFieldsAreLowercaseInWireOrder()
    {
        var resPq = new Telethon.Tl.Mtproto.Types.ResPQ
        {
            Nonce = System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(Convert.FromHexString("000102030405060708090a0b0c0d0e0f")),
            ServerNonce = 0,
            Pq = [0x17, 0xED, 0x48, 0x94, 0x1A, 0x08, 0xF9, 0x81],
            ServerPublicKeyFingerprints = [-4344800451088585951],
        };
        var (_, json) = await Run(["tl", "decode", Convert.ToHexStringLower(resPq.ToBytes())]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("000102030405060708090a0b0c0d0e0f", doc.RootElement.GetProperty("nonce").GetString());
        Assert.Equal("17ed48941a08f981", doc.RootElement.GetProperty("pq").GetString());
        Assert.Equal(-4344800451088585951, doc.RootElement.GetProperty("server_public_key_fingerprints")[0].GetInt64());
    }

    [Theory]
    [InlineData("zz", 0)]
    [InlineData("efbeadde", 0)]
    [InlineData("4ca5e8dd0500", 4)]
    public async Task DecodeErrorsAreOneJsonLineWithTheOffset(string hex, int offset)
    {
        var (code, output) = await Run(["tl", "decode", hex]);
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
        Assert.Equal(offset, doc.RootElement.GetProperty("offset").GetInt32());
    }

    [Theory]
    [InlineData("{\"_\":\"noSuchThing\"}")]
    [InlineData("{\"_\":\"inputPeerUser\",\"user_id\":1}")]
    [InlineData("{\"_\":\"inputPeerUser\",\"user_id\":1,\"access_hash\":2,\"extra\":3}")]
    [InlineData("{\"_\":\"inputPeerUser\",\"user_id\":\"1\",\"access_hash\":2}")]
    [InlineData("{\"_\":\"messages.getHistory\",\"peer\":{\"_\":\"peerUser\",\"user_id\":1}}")]
    [InlineData("not json")]
    public async Task EncodeErrorsAreOneJsonLine(string input)
    {
        var (code, output) = await Run(["tl", "encode"], input);
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.TryGetProperty("error", out _));
        Assert.True(doc.RootElement.TryGetProperty("offset", out _));
    }

    [Fact]
    public async Task UnknownCommandsPrintUsage()
    {
        var error = new StringWriter();
        var code = await CliApp.Default().RunAsync(["nope"], new CliConsole(new StringReader(""), new StringWriter(), error));
        Assert.Equal(2, code);
        Assert.Contains("tl decode", error.ToString());
    }

    private static async Task<(int Code, string Output)> Run(string[] args, string input = "")
    {
        var output = new StringWriter();
        var code = await CliApp.Default().RunAsync(args, new CliConsole(new StringReader(input), output, new StringWriter()));
        return (code, output.ToString());
    }
}
