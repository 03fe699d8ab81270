using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Files;
using Telethon.Model;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Support;
using Client = Telethon.Client;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Media;

/// <summary>
/// The media API end to end against the test server, as Telegram behaves: a photo and documents sent, received by the
/// other account with their attributes, downloaded back byte for byte, sent again without an upload, an album, profile
/// photos, and <see cref="Filter.Media"/> on what arrives.
/// </summary>
public sealed class MediaEndToEndTests
{
    /// <summary>Telegram's largest upload part (512 KiB): a file of two parts and a bit is larger than one part and not
    /// a multiple of it, whatever part size the uploader picks between 1 KiB and 512 KiB.</summary>
    private const int PartSize = 512 * 1024;

    private sealed record Pair(EndToEndServer Server, Client Alice, Client Bob, User BobAtAlice, ConcurrentQueue<NewMessage> AtBob);

    private static async Task<Pair> PairAsync(EndToEndServer server, Filter? bobFilter = null)
    {
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var atBob = new ConcurrentQueue<NewMessage>();
        bob.On<NewMessage>(e =>
        {
            atBob.Enqueue(e);
            return Task.CompletedTask;
        }, bobFilter);
        var bobAtAlice = Assert.IsType<User>(await alice.ResolveUsernameAsync("@bobby"));
        return new Pair(server, alice, bob, bobAtAlice, atBob);
    }

    private static async Task<Message> ReceivedAsync(Pair p, Func<Message, bool> where, string what)
    {
        await Eventually.UntilAsync(() => p.AtBob.Any(e => where(e.Message)), what);
        return p.AtBob.First(e => where(e.Message)).Message;
    }

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_document_of_several_parts_arrives_with_its_attributes_and_downloads_back_byte_for_byte()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var content = Content(2 * PartSize + 12_345, seed: 11);
        var folder = Directory.CreateTempSubdirectory("telethon-media-");
        try
        {
            var path = Path.Combine(folder.FullName, "data.bin");
            await System.IO.File.WriteAllBytesAsync(path, content);
            var uploaded = new List<TransferProgress>();
            var sent = await p.Alice.SendFileAsync(p.BobAtAlice, path, captionMarkdown: "**the** data", progress: new SyncProgress(uploaded.Add));

            var file = Assert.IsType<Telethon.Model.File>(sent.File);
            Assert.Null(sent.Photo);
            Assert.Equal(("data.bin", ".bin", "application/octet-stream", (long)content.Length), (file.Name, file.Ext, file.MimeType, file.Size));
            Assert.Equal("the data", sent.Text);
            Assert.Equal(new TransferProgress(content.Length, content.Length), uploaded[^1]);

            var atBob = await ReceivedAsync(p, m => m.File is not null && m.Text == "the data", "Bob's document");
            var received = atBob.File!;
            Assert.Equal(("data.bin", (long)content.Length), (received.Name, received.Size));
            Assert.Equal("**the** data", atBob.TextMarkdown);

            using var memory = new MemoryStream();
            var downloaded = new List<TransferProgress>();
            await p.Bob.DownloadAsync(received, memory, new SyncProgress(downloaded.Add));
            Assert.Equal(content, memory.ToArray());
            Assert.Equal(content.Length, downloaded[^1].BytesDone);

            var chunks = new List<byte>();
            await foreach (var chunk in p.Bob.GetFileBytesAsync(received))
                chunks.AddRange(chunk.ToArray());
            Assert.Equal(content, chunks.ToArray());

            var copy = Path.Combine(folder.FullName, "copy" + received.Ext);
            await received.DownloadAsync(copy);
            Assert.Equal(content, await System.IO.File.ReadAllBytesAsync(copy));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_photo_is_sent_compressed_and_arrives_as_a_photo_with_its_size()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var png = MediaSamples.Png(64, 48);

        var sent = await p.Alice.SendPhotoAsync(p.BobAtAlice, png, caption: "a photo");

        var photo = Assert.IsType<Telethon.Model.File>(sent.Photo);
        Assert.Equal((64, 48), (photo.Width, photo.Height));
        Assert.Equal("image/jpeg", photo.MimeType);
        Assert.Null(sent.Video);

        var atBob = await ReceivedAsync(p, m => m.Photo is not null, "Bob's photo");
        Assert.Equal("a photo", atBob.Text);
        Assert.Equal((64, 48), (atBob.Photo!.Width, atBob.Photo.Height));
        using var memory = new MemoryStream();
        await atBob.Photo.DownloadAsync(memory);
        Assert.Equal(atBob.Photo.Size, memory.Length);
    }

    [Fact]
    public async Task An_image_sent_uncompressed_is_a_document_with_the_size_read_from_it()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var jpeg = MediaSamples.Jpeg(300, 200);

        var sent = await p.Alice.SendPhotoAsync(p.BobAtAlice, new MemoryStream(jpeg), name: "scan.jpg", compress: false);

        Assert.Null(sent.Photo);
        var file = sent.File!;
        Assert.Equal(("scan.jpg", "image/jpeg", 300, 200), (file.Name, file.MimeType, file.Width!.Value, file.Height!.Value));
        var atBob = await ReceivedAsync(p, m => m.File?.Name == "scan.jpg", "Bob's image file");
        using var memory = new MemoryStream();
        await p.Bob.DownloadAsync(atBob.File!, memory);
        Assert.Equal(jpeg, memory.ToArray());
    }

    [Fact]
    public async Task Audio_and_video_carry_the_metadata_read_from_their_content()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server, Filter.Media(MediaType.Audio, MediaType.Video));
        var mp3 = MediaSamples.Mp3(431, "Song Title", "The Band");
        var mp4 = MediaSamples.Mp4(320, 240, TimeSpan.FromSeconds(7.25), payload: 4096);

        var audio = await p.Alice.SendAudioAsync(p.BobAtAlice, mp3, name: "song.mp3");
        var video = await p.Alice.SendVideoAsync(p.BobAtAlice, mp4, name: "clip.mp4", supportsStreaming: true);
        await p.Alice.SendMessageAsync(p.BobAtAlice, "no media here");
        var voice = await p.Alice.SendAudioAsync(p.BobAtAlice, MediaSamples.Wav(8000, 1, 16, 3), name: "note.wav", voice: true);

        Assert.NotNull(audio.Audio);
        Assert.Null(audio.Video);
        Assert.Equal(("song.mp3", "audio/mpeg"), (audio.File!.Name, audio.File.MimeType));
        // 431 frames of 417 bytes at 128 kbit/s: 11.2 s, rounded to Telegram's whole seconds.
        Assert.Equal(TimeSpan.FromSeconds(11), audio.Audio!.Duration);
        Assert.Equal(("Song Title", "The Band"), (audio.Audio.Title, audio.Audio.Performer));
        Assert.NotNull(video.Video);
        Assert.Equal((320, 240, TimeSpan.FromSeconds(7.25)), (video.Video!.Width!.Value, video.Video.Height!.Value, video.Video.Duration!.Value));
        Assert.True(voice.Audio!.IsVoice);
        Assert.Equal(TimeSpan.FromSeconds(3), voice.Audio.Duration);

        // Bob's handler only runs for audio and video: the text between them never reaches it.
        await Eventually.UntilAsync(() => p.AtBob.Count(e => e.Message.File is not null) == 3, "Bob's audio, video and voice note");
        Assert.DoesNotContain(p.AtBob, e => e.Message.Text == "no media here");
        var videoAtBob = p.AtBob.Single(e => e.Message.Video is not null).Message.Video!;
        Assert.Equal((320, 240), (videoAtBob.Width, videoAtBob.Height));
        using var memory = new MemoryStream();
        await videoAtBob.DownloadAsync(memory);
        Assert.Equal(mp4, memory.ToArray());
    }

    [Fact]
    public async Task A_received_file_is_sent_again_without_an_upload()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var content = Content(70_000, seed: 5);
        await p.Alice.SendFileAsync(p.BobAtAlice, content, name: "again.txt");
        var atBob = await ReceivedAsync(p, m => m.File?.Name == "again.txt", "Bob's file");

        var resent = await p.Bob.SendFileAsync("me", atBob.File!, caption: "kept");

        Assert.Equal(("again.txt", (long)content.Length, "kept"), (resent.File!.Name, resent.File.Size, resent.Text));
        // The same document: Telegram keeps a document's id when it is sent again by reference (inputMediaDocument).
        Assert.Equal(atBob.File!.Id, resent.File.Id);
        using var memory = new MemoryStream();
        await resent.File.DownloadAsync(memory);
        Assert.Equal(content, memory.ToArray());
    }

    [Fact]
    public async Task An_album_of_three_arrives_as_one_group_in_the_order_it_was_built()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var album = p.Alice.PrepareAlbum();
        await album.AddPhotoAsync(MediaSamples.Png(40, 30), caption: "first");
        await album.AddVideoAsync(MediaSamples.Mp4(160, 120, TimeSpan.FromSeconds(2)), name: "middle.mp4", captionHtml: "<b>second</b>");
        await album.AddPhotoAsync(MediaSamples.Jpeg(80, 60));
        Assert.Equal(3, album.Count);

        var messages = await album.SendAsync(p.BobAtAlice);

        Assert.Equal(3, messages.Count);
        Assert.NotNull(messages[0].GroupedId);
        Assert.All(messages, m => Assert.Equal(messages[0].GroupedId, m.GroupedId));
        Assert.Equal(["first", "second", ""], messages.Select(m => m.Text));
        Assert.NotNull(messages[0].Photo);
        Assert.Equal((160, 120), (messages[1].Video!.Width, messages[1].Video!.Height));
        Assert.NotNull(messages[2].Photo);

        await Eventually.UntilAsync(() => p.AtBob.Count(e => e.Message.GroupedId is not null) == 3, "Bob's album");
        var atBob = p.AtBob.Where(e => e.Message.GroupedId is not null).Select(e => e.Message).OrderBy(m => m.Id).ToArray();
        Assert.Single(atBob.Select(m => m.GroupedId).Distinct());
        Assert.Equal(["first", "second", ""], atBob.Select(m => m.Text));

        // The same album goes to another chat with new random ids.
        var again = await album.SendAsync("me");
        Assert.Equal(3, again.Count);
        Assert.NotEqual(messages[0].GroupedId, again[0].GroupedId);
    }

    [Fact]
    public async Task Profile_photos_list_newest_first_and_download()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        foreach (var (w, h) in new[] { (200, 200), (240, 240) })
        {
            var png = MediaSamples.Png(w, h);
            var input = await FileUploader.UploadAsync(p.Alice, new MemoryStream(png), png.Length, "avatar.png", null, CancellationToken.None);
            await p.Alice.InvokeAsync(new Fn.Photos.UploadProfilePhoto { File = input });
        }
        var aliceAtBob = Assert.IsType<User>(await p.Bob.ResolveUsernameAsync("@alice"));

        var photos = await p.Bob.GetProfilePhotosAsync(aliceAtBob).ToListAsync();

        Assert.Equal([240, 200], photos.Select(f => f.Width!.Value));
        Assert.All(photos, f => Assert.Equal("image/jpeg", f.MimeType));
        using var memory = new MemoryStream();
        await p.Bob.DownloadAsync(photos[0], memory);
        Assert.Equal(photos[0].Size, memory.Length);
        Assert.Single(await p.Bob.GetProfilePhotosAsync("@alice", limit: 1).ToListAsync());

        // A group's photos come from the service messages that set them: "Group M" never had one.
        var group = await EndToEndServer.DialogNamedAsync(p.Alice, "Group M");
        Assert.Empty(await p.Alice.GetProfilePhotosAsync(group).ToListAsync());
    }

    [Fact]
    public async Task A_file_stored_on_another_dc_downloads_from_that_dc()
    {
        await using var server = await EndToEndServer.StartAsync(world: w => w with { FileDc = 4 });
        var p = await PairAsync(server);
        var content = Content(PartSize + 1, seed: 9);

        var sent = await p.Alice.SendFileAsync(p.BobAtAlice, content, name: "far.bin");
        Assert.Equal(4, sent.File!.DcId);
        var atBob = await ReceivedAsync(p, m => m.File?.Name == "far.bin", "Bob's file");
        using var memory = new MemoryStream();
        await p.Bob.DownloadAsync(atBob.File!, memory);

        Assert.Equal(content, memory.ToArray());
    }

    [Fact]
    public async Task A_cancelled_download_to_a_path_leaves_no_file()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var content = Content(3 * PartSize, seed: 3);
        var sent = await p.Alice.SendFileAsync("me", content, name: "big.bin");
        var folder = Directory.CreateTempSubdirectory("telethon-media-");
        try
        {
            var path = Path.Combine(folder.FullName, "big.bin");
            using var cancel = new CancellationTokenSource();
            var progress = new SyncProgress(report =>
            {
                if (report.BytesDone > 0)
                    cancel.Cancel();
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent.File!.DownloadAsync(path, progress, cancel.Token));

            Assert.False(System.IO.File.Exists(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_before_anything_is_sent()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);

        await Assert.ThrowsAsync<ArgumentException>(() => p.Alice.SendFileAsync("me", new byte[] { 1, 2 }, caption: "a", captionHtml: "b"));
        await Assert.ThrowsAsync<ArgumentException>(() => p.Alice.SendFileAsync("me", new MemoryStream([1, 2, 3])));
        await Assert.ThrowsAsync<ArgumentException>(() => p.Alice.SendFileAsync("me", default(InFileLike)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => p.Alice.SendFileAsync("me", new byte[] { 1, 2 }, size: 3, name: "x.bin"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => p.Alice.SendFileAsync("me", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".bin")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => p.Alice.PrepareAlbum().SendAsync("me"));
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to the pool,
    /// so its reports could come after the call returns).</summary>
    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        private readonly Lock _lock = new();

        public void Report(TransferProgress value)
        {
            lock (_lock)
                report(value);
        }
    }
}
