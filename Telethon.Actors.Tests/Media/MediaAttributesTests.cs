using Telethon.Model;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Media;

/// <summary>The document attributes a send gives Telegram, per the seed's parameters and the TL schema's attribute
/// constructors: the name always, then those of the mime type, the given values winning over the content's.</summary>
public sealed class MediaAttributesTests
{
    private static readonly MediaInfo Nothing = MediaInfo.None;

    [Fact]
    public void Every_document_has_its_file_name()
    {
        var attributes = Client.Attributes(new MediaRequest(null, null, null, false), "notes.txt", "text/plain", Nothing);
        Assert.Equal("notes.txt", Assert.IsType<TlTypes.DocumentAttributeFilename>(Assert.Single(attributes)).FileName);
    }

    [Fact]
    public void An_image_has_its_size_when_both_sides_are_known()
    {
        var given = Client.Attributes(new MediaRequest(null, null, null, false) { Width = 10, Height = 20 }, "a.png", "image/png", Nothing);
        Assert.Equal((10, 20), Size(Assert.Single(given.OfType<TlTypes.DocumentAttributeImageSize>())));

        var read = Client.Attributes(new MediaRequest(null, null, null, false) { Width = 99 }, "a.png", "image/png", new MediaInfo(30, 40, null, null, null));
        Assert.Equal((99, 40), Size(Assert.Single(read.OfType<TlTypes.DocumentAttributeImageSize>())));

        Assert.Empty(Client.Attributes(new MediaRequest(null, null, null, false) { Width = 5 }, "a.png", "image/png", Nothing)
            .OfType<TlTypes.DocumentAttributeImageSize>());
    }

    [Fact]
    public void Audio_has_its_whole_second_duration_voice_title_and_performer()
    {
        var request = new MediaRequest(null, null, null, false) { Duration = TimeSpan.FromSeconds(2.5), Voice = true, Title = "T" };
        var audio = Assert.Single(Client.Attributes(request, "v.ogg", "audio/ogg", new MediaInfo(null, null, null, "tag title", "tag performer"))
            .OfType<TlTypes.DocumentAttributeAudio>());

        Assert.Equal(3, audio.Duration); // Telegram's duration is whole seconds; 2.5 rounds away from zero.
        Assert.True(audio.Voice);
        Assert.Equal(("T", "tag performer"), (audio.Title, audio.Performer));
        Assert.Empty(Client.Attributes(new MediaRequest(null, null, null, false), "a.mp3", "audio/mpeg", Nothing).OfType<TlTypes.DocumentAttributeAudio>());
    }

    [Fact]
    public void Video_has_its_exact_duration_size_and_flags()
    {
        var request = new MediaRequest(null, null, null, false) { Round = true, SupportsStreaming = true, Muted = true, Guess = MediaGuess.Video };
        var video = Assert.Single(Client.Attributes(request, "v.mp4", "video/mp4", new MediaInfo(640, 360, TimeSpan.FromSeconds(4.75), null, null))
            .OfType<TlTypes.DocumentAttributeVideo>());

        Assert.Equal(4.75, video.Duration);
        Assert.Equal((640, 360), (video.W, video.H));
        Assert.True(video.RoundMessage && video.SupportsStreaming && video.Nosound);
    }

    [Fact]
    public void Animated_sticker_and_custom_emoji_add_their_attributes()
    {
        var request = new MediaRequest(null, null, null, false) { Animated = true, Emoji = "😀", EmojiSticker = "🔥" };
        var attributes = Client.Attributes(request, "s.webp", "image/webp", Nothing);

        Assert.Single(attributes.OfType<TlTypes.DocumentAttributeAnimated>());
        var sticker = Assert.Single(attributes.OfType<TlTypes.DocumentAttributeSticker>());
        Assert.Equal("😀", sticker.Alt);
        Assert.IsType<TlTypes.InputStickerSetEmpty>(sticker.Stickerset);
        Assert.Equal("🔥", Assert.Single(attributes.OfType<TlTypes.DocumentAttributeCustomEmoji>()).Alt);
    }

    [Fact]
    public void Captions_are_optional_but_at_most_one()
    {
        Assert.Equal("", Client.CaptionOf(null, null, null).Text);
        Assert.Equal("bold", Client.CaptionOf(null, "**bold**", null).Text);
        Assert.Single(Client.CaptionOf(null, null, "<b>x</b>").Entities);
        Assert.Throws<ArgumentException>(() => Client.CaptionOf("a", "b", null));
    }

    private static (int, int) Size(TlTypes.DocumentAttributeImageSize size) => (size.W, size.H);
}
