using Telethon.Events;
using Telethon.Filters;
using Telethon.Tests.Events;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Media;

/// <summary><see cref="Filter.Media"/> as Telethon's <c>Media</c>: any downloadable file without types, only the given
/// types with them.</summary>
public sealed class MediaFilterTests
{
    private static readonly Event Photo = EventWith(new TlTypes.MessageMediaPhoto { Photo = TlMedia.Photo() });
    private static readonly Event Audio = EventWith(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("audio/mpeg", 5, new TlTypes.DocumentAttributeAudio { Duration = 1 }) });
    private static readonly Event Video = EventWith(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("video/mp4", 5, new TlTypes.DocumentAttributeVideo { Duration = 1, W = 1, H = 1 }) });
    private static readonly Event Document = EventWith(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("text/plain", 5, new TlTypes.DocumentAttributeFilename { FileName = "a.txt" }) });
    private static readonly Event Geo = EventWith(new TlTypes.MessageMediaGeo { Geo = new TlTypes.GeoPointEmpty() });
    private static readonly Event Text = Tg.Text("no media");
    private static readonly Event Deleted = Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [1], Pts = 1, PtsCount = 1 })!;

    [Fact]
    public void Without_types_any_downloadable_file_passes()
    {
        var filter = Filter.Media();
        Assert.Empty(filter.Types);
        Assert.True(filter.Matches(Photo) && filter.Matches(Audio) && filter.Matches(Video) && filter.Matches(Document));
        Assert.False(filter.Matches(Geo) || filter.Matches(Text) || filter.Matches(Deleted));
    }

    [Fact]
    public void With_types_only_those_pass()
    {
        var photoOrVideo = Filter.Media(MediaType.Photo, MediaType.Video);
        Assert.Equal([MediaType.Photo, MediaType.Video], photoOrVideo.Types);
        Assert.True(photoOrVideo.Matches(Photo) && photoOrVideo.Matches(Video));
        Assert.False(photoOrVideo.Matches(Audio) || photoOrVideo.Matches(Document) || photoOrVideo.Matches(Text));
        Assert.True(Filter.Media(MediaType.Audio).Matches(Audio));
        Assert.Throws<ArgumentOutOfRangeException>(() => Filter.Media((MediaType)7));
    }

    [Fact]
    public void It_combines_with_the_other_filters()
    {
        var textWithoutMedia = Filter.Text("media") & !Filter.Media();
        Assert.True(textWithoutMedia.Matches(Text));
        Assert.False(textWithoutMedia.Matches(Photo));
        Assert.True((Filter.Media(MediaType.Audio) | Filter.Media(MediaType.Photo)).Matches(Photo));
        Assert.Equal("Media(Photo, Video)", Filter.Media(MediaType.Photo, MediaType.Video).ToString());
    }

    private static Event EventWith(TlAbcs.MessageMedia media) => Tg.EventOf(new TlTypes.UpdateNewMessage
    {
        Message = TlMedia.MessageWith(media),
        Pts = 1,
        PtsCount = 1,
    }, users: [Tg.User(7, "Ann", "ann")])!;
}
