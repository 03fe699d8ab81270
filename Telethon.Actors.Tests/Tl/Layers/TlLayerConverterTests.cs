using System.Text.Json;
using Telethon.TestServer.Layers;
using Telethon.Tl;
using Telethon.Tl.Json;
using Telethon.Tl.Layers;

namespace Telethon.Tests.Tl.Layers;

/// <summary>The conversion rules on known objects: what is dropped, what gets an empty value, and what fails.</summary>
public sealed class TlLayerConverterTests
{
    private static TlLayerSchema Layer(int n) => LayerCatalog.Packaged.Schema(n);

    [Fact]
    public void AnObjectTheTargetLayerLacksFailsWithATypedError()
    {
        var bytes = TlJson.Encode("""{"_":"updateSavedReactionTags"}""");
        var error = Assert.Throws<TlLayerConversionException>(() => new TlLayerConverter(TlLayerSchema.Current, Layer(167)).Convert(bytes));
        Assert.Equal("updateSavedReactionTags", error.ConstructorName);
        Assert.Equal(167, error.TargetLayer);

        // In a vector (the updates of a push) it fails the whole object too: nothing half-written goes out.
        var push = TlJson.Encode("""{"_":"updates","updates":[{"_":"updateSavedReactionTags"}],"users":[],"chats":[],"date":1,"seq":0}""");
        Assert.Throws<TlLayerConversionException>(() => new TlLayerConverter(TlLayerSchema.Current, Layer(167)).Convert(push));
    }

    [Fact]
    public void AnOptionalFieldTheTargetCannotHoldIsLeftOutWithItsFlag()
    {
        // Layer 167 has no emojiStatusCollectible, and its stories_max_id is an int where layer 223 has a RecentStory.
        var user = TlJson.Encode("""
            {"_":"user","id":42,"first_name":"Ann","premium":true,
             "emoji_status":{"_":"emojiStatusCollectible","collectible_id":1,"document_id":2,"title":"t","slug":"s","pattern_document_id":3,"center_color":4,"edge_color":5,"pattern_color":6,"text_color":7},
             "stories_max_id":{"_":"recentStory","max_id":9}}
            """);
        var down = new TlLayerConverter(TlLayerSchema.Current, Layer(167)).Convert(user);
        Assert.Equal(Layer(167).Find("user")!.Id, BitConverter.ToUInt32(down));
        using var back = JsonDocument.Parse(TlJson.Decode(new TlLayerConverter(Layer(167), TlLayerSchema.Current).Convert(down)));
        var root = back.RootElement;
        Assert.Equal(42, root.GetProperty("id").GetInt64());
        Assert.Equal("Ann", root.GetProperty("first_name").GetString());
        Assert.True(root.GetProperty("premium").GetBoolean());
        Assert.False(root.TryGetProperty("emoji_status", out _));
        Assert.False(root.TryGetProperty("stories_max_id", out _));
    }

    [Fact]
    public void ARequiredFieldTheSourceLacksGetsItsEmptyValue()
    {
        // Layer 179's messageActionGiftCode counts months where layer 223 counts days: each side's is empty in the other.
        var action = TlJson.Encode("""{"_":"messageActionGiftCode","days":30,"slug":"abc"}""");
        var down = new TlLayerConverter(TlLayerSchema.Current, Layer(179)).Convert(action);
        // id, flags, months, then the slug
        Assert.Equal(0, BitConverter.ToInt32(down, 8));
        using var back = JsonDocument.Parse(TlJson.Decode(new TlLayerConverter(Layer(179), TlLayerSchema.Current).Convert(down)));
        Assert.Equal(0, back.RootElement.GetProperty("days").GetInt32());
        Assert.Equal("abc", back.RootElement.GetProperty("slug").GetString());
    }

    [Fact]
    public void TheAnswerOfAFunctionIsConvertedByItsResultType()
    {
        var state = new Telethon.Tl.Types.Updates.State { Pts = 5, Qts = 1, Date = 100, Seq = 2, UnreadCount = 0 };
        var converted = new TlLayerConverter(TlLayerSchema.Current, Layer(189)).ConvertResult("updates.getState", state.ToBytes());
        Assert.Equal(state.ToBytes(), converted); // unchanged since long before 189
        Assert.Throws<TlLayerConversionException>(() => new TlLayerConverter(TlLayerSchema.Current, Layer(167)).ConvertResult("no.suchFunction", converted));
    }

    [Fact]
    public void MalformedBytesGiveADecodeErrorNotACrash()
    {
        var converter = new TlLayerConverter(Layer(189), TlLayerSchema.Current);
        Assert.Throws<TlDecodeException>(() => converter.Convert([1, 2, 3]));
        Assert.Throws<TlDecodeException>(() => converter.Convert([0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0]));
        var message = new Telethon.Tl.Types.Message { Id = 1, PeerId = new Telethon.Tl.Types.PeerUser { UserId = 2 }, Date = 3, MessageValue = "hello" }.ToBytes();
        for (var cut = 0; cut < message.Length; cut += 3)
            Assert.Throws<TlDecodeException>(() => converter.Convert(message.AsSpan(0, cut)));
    }
}
