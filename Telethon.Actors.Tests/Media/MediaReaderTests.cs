using Telethon.Model;

namespace Telethon.Tests.Media;

/// <summary>Metadata read from real files written with known properties (<see cref="MediaSamples"/>).</summary>
public sealed class MediaReaderTests
{
    private static MediaInfo Read(byte[] content) => MediaReader.Read(new MemoryStream(content), content.Length);

    [Fact]
    public void Image_sizes_come_from_png_and_jpeg_headers()
    {
        Assert.Equal((37, 21), Size(Read(MediaSamples.Png(37, 21))));
        Assert.Equal((640, 480), Size(Read(MediaSamples.Jpeg(640, 480))));
        Assert.Null(Read(MediaSamples.Png(3, 3)).Duration);
    }

    [Fact]
    public void A_wav_lasts_its_data_length_at_its_byte_rate()
    {
        var info = Read(MediaSamples.Wav(8000, 1, 16, 2.5));
        Assert.Equal(TimeSpan.FromSeconds(2.5), info.Duration);
        Assert.Null(info.Width);
        Assert.Equal(TimeSpan.FromSeconds(1.25), Read(MediaSamples.Wav(44100, 2, 16, 1.25)).Duration);
    }

    [Fact]
    public void A_constant_bitrate_mp3_lasts_its_length_at_its_bitrate_and_its_tag_gives_title_and_performer()
    {
        // 200 frames of 1152 samples at 44.1 kHz: 5.224 s; at 128 kbit/s the 417-byte frames give 5.2125 s (the rounding
        // of 417.96 bytes a frame down to 417 without padding).
        var plain = Read(MediaSamples.Mp3(200));
        Assert.Equal(200 * 417 * 8 / 128_000.0, plain.Duration!.Value.TotalSeconds, 3);
        Assert.Equal(MediaSamples.Mp3Duration(200).TotalSeconds, plain.Duration.Value.TotalSeconds, 1);
        Assert.Null(plain.Title);

        var tagged = Read(MediaSamples.Mp3(200, "Song Title", "The Band"));
        Assert.Equal("Song Title", tagged.Title);
        Assert.Equal("The Band", tagged.Performer);
        Assert.Equal(plain.Duration.Value.TotalSeconds, tagged.Duration!.Value.TotalSeconds, 3);
    }

    [Fact]
    public void An_mp4_lasts_its_movie_header_duration_and_has_its_video_track_size()
    {
        var info = Read(MediaSamples.Mp4(320, 240, TimeSpan.FromSeconds(7.25)));
        Assert.Equal(TimeSpan.FromSeconds(7.25), info.Duration);
        Assert.Equal((320, 240), Size(info));
    }

    [Fact]
    public void Unknown_or_damaged_content_tells_nothing()
    {
        Assert.Equal(MediaInfo.None, Read("just some text, not media"u8.ToArray()));
        Assert.Equal(MediaInfo.None, Read(MediaSamples.Png(10, 10)[..20]));
        Assert.Equal(MediaInfo.None, Read([]));
    }

    [Fact]
    public void Reading_sees_only_the_window_and_puts_the_stream_back()
    {
        var png = MediaSamples.Png(12, 34);
        var stream = new MemoryStream([.. new byte[100], .. png, .. new byte[50]]) { Position = 100 };

        var info = MediaReader.Read(stream, png.Length);

        Assert.Equal((12, 34), Size(info));
        Assert.Equal(100, stream.Position);
    }

    private static (int?, int?) Size(MediaInfo info) => (info.Width, info.Height);
}
