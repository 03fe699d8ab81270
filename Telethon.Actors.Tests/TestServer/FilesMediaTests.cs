using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;
using TS = Telethon.Tl.Types.Storage;

namespace Telethon.Tests.TestServer;

/// <summary>Photos, documents, media messages, albums, file references per viewer, file DCs and profile photos.</summary>
public sealed class FilesMediaTests
{
    private static T.InputMediaUploadedPhoto Photo(Telethon.Tl.Abcs.InputFile file) => new() { File = file };

    private static T.InputMediaUploadedDocument Doc(Telethon.Tl.Abcs.InputFile file, string mime = "application/pdf", params DocumentAttribute[] attributes) =>
        new() { File = file, MimeType = mime, Attributes = attributes };

    [Fact]
    public void APhotoSentInPrivateReachesBothSidesWithTheirOwnHashesAndReferences()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var jpeg = FilesSupport.Jpeg(1280, 720, size: 200 * 1024);
        var bBefore = TruthChecks.PtsNow(h, b);
        b.Sink.Clear();

        var answer = h.Call(a, new TF.Messages.SendMedia
        {
            Peer = h.PeerUser(a, b.UserId),
            Media = Photo(FilesSupport.Upload(h, a, jpeg, fileId: 1, name: "cat.jpg")),
            Message = "a cat",
            Entities = [new T.MessageEntityBold { Offset = 2, Length = 3 }],
            RandomId = 901,
        });
        var updates = TruthChecks.UpdatesOf(answer);
        Assert.Equal(901, Assert.IsType<T.UpdateMessageID>(updates[0]).RandomId);
        var own = Assert.Single(FilesSupport.NewMessages(answer));
        Assert.Equal("a cat", own.MessageValue);
        Assert.IsType<T.MessageEntityBold>(Assert.Single(own.Entities!));
        var ownPhoto = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(own.Media).Photo);
        var size = Assert.IsType<T.PhotoSize>(Assert.Single(ownPhoto.Sizes));
        Assert.Equal((1280, 720, "y", jpeg.Length), (size.W, size.H, size.Type, size.Size));
        Assert.Equal(2, ownPhoto.DcId);

        // B is pushed the message (a container: the short forms carry no media) with B's own hash and reference.
        var pushed = Assert.Single(FilesSupport.NewMessages(Assert.Single(b.Sink.Pushes)));
        var theirs = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(pushed.Media).Photo);
        Assert.Equal(ownPhoto.Id, theirs.Id);
        Assert.NotEqual(ownPhoto.AccessHash, theirs.AccessHash);
        Assert.NotEqual(ownPhoto.FileReference, theirs.FileReference);
        Assert.Equal(jpeg, FilesSupport.Download(h, b, FilesSupport.Location(theirs)));
        Assert.IsType<TS.FileJpeg>(Assert.IsType<T.Upload.File>(h.Call(b, new TF.Upload.GetFile { Location = FilesSupport.Location(theirs), Offset = 0, Limit = 4096 })).Type);
        TruthChecks.DifferenceAgrees(h, b, bBefore);
        Assert.Contains(h.Truth.Records, r => r.Account == b.UserId && r.Kind == "updateNewMessage" && r.MessageId == pushed.Id);

        // History and getMessages show the media, each viewer its own.
        var history = Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.GetHistory { Peer = h.PeerUser(b, a.UserId), Limit = 10 }));
        var inHistory = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(Assert.IsType<T.Message>(Assert.Single(history.MessagesValue)).Media).Photo);
        Assert.Equal(theirs.AccessHash, inHistory.AccessHash);
        var got = Assert.IsType<T.Messages.Messages>(h.Call(a, new TF.Messages.GetMessages { Id = [new T.InputMessageID { Id = own.Id }] }));
        Assert.Equal(ownPhoto.AccessHash, Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(Assert.IsType<T.Message>(got.MessagesValue[0]).Media).Photo).AccessHash);
        var found = Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "cat", Filter = new T.InputMessagesFilterEmpty(), Limit = 10 }));
        Assert.IsType<T.MessageMediaPhoto>(Assert.IsType<T.Message>(Assert.Single(found.MessagesValue)).Media);
        var photos = Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "", Filter = new T.InputMessagesFilterPhotos(), Limit = 10 }));
        Assert.Single(photos.MessagesValue);
        Assert.Single(Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "", Filter = new T.InputMessagesFilterPhotoVideo(), Limit = 10 })).MessagesValue);
        Assert.Empty(Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "", Filter = new T.InputMessagesFilterDocument(), Limit = 10 })).MessagesValue);

        // Each account's hash and reference are its own.
        Assert.Equal("LOCATION_INVALID", h.Fail(b, new TF.Upload.GetFile { Location = FilesSupport.Location(ownPhoto), Offset = 0, Limit = 4096 }).RawMessage);
        var foreignReference = FilesSupport.Location(theirs);
        foreignReference.FileReference = ownPhoto.FileReference;
        Assert.Equal("FILE_REFERENCE_EXPIRED", h.Fail(b, new TF.Upload.GetFile { Location = foreignReference, Offset = 0, Limit = 4096 }).RawMessage);
        var wrongSize = FilesSupport.Location(theirs);
        wrongSize.ThumbSize = "s";
        Assert.Equal("LOCATION_INVALID", h.Fail(b, new TF.Upload.GetFile { Location = wrongSize, Offset = 0, Limit = 4096 }).RawMessage);

        // B sends the same photo on with its own hash; A's hash is no good to B.
        var resent = h.Call(b, new TF.Messages.SendMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = new T.InputMediaPhoto { Id = new T.InputPhoto { Id = theirs.Id, AccessHash = theirs.AccessHash, FileReference = theirs.FileReference } },
            Message = "",
            RandomId = 902,
        });
        Assert.Equal(theirs.Id, Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(Assert.Single(FilesSupport.NewMessages(resent)).Media).Photo).Id);
        Assert.Equal("MEDIA_INVALID", h.Fail(b, new TF.Messages.SendMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = new T.InputMediaPhoto { Id = new T.InputPhoto { Id = ownPhoto.Id, AccessHash = ownPhoto.AccessHash, FileReference = theirs.FileReference } },
            Message = "",
            RandomId = 903,
        }).RawMessage);
        Assert.Equal("FILE_REFERENCE_EXPIRED", h.Fail(b, new TF.Messages.SendMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = new T.InputMediaPhoto { Id = new T.InputPhoto { Id = theirs.Id, AccessHash = theirs.AccessHash, FileReference = ownPhoto.FileReference } },
            Message = "",
            RandomId = 904,
        }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void ExpiredReferencesAreRefusedUntilTheMessageIsFetchedAgain()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var bytes = FilesSupport.Noise(5000);
        var sent = h.Call(a, new TF.Messages.SendMedia { Peer = new T.InputPeerSelf(), Media = Doc(FilesSupport.Upload(h, a, bytes, 1, "a.pdf")), Message = "doc", RandomId = 5 });
        var message = Assert.Single(FilesSupport.NewMessages(sent));
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(message.Media).Document);
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(document)));

        h.World.ExpireFileReferences();
        Assert.Equal("FILE_REFERENCE_EXPIRED", h.Fail(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 0, Limit = 4096 }).RawMessage);
        var fresh = Assert.IsType<T.Messages.Messages>(h.Call(a, new TF.Messages.GetMessages { Id = [new T.InputMessageID { Id = message.Id }] }));
        var refetched = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(Assert.IsType<T.Message>(fresh.MessagesValue[0]).Media).Document);
        Assert.Equal(document.AccessHash, refetched.AccessHash);
        Assert.NotEqual(document.FileReference, refetched.FileReference);
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(refetched)));
        h.AssertClean();
    }

    [Fact]
    public void DocumentsKeepTheClientsAttributesAndThumbnail()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var bytes = FilesSupport.Noise(70_000);
        var thumbPng = FilesSupport.Png(90, 60);
        var media = Doc(FilesSupport.Upload(h, a, bytes, 1, "clip.mp4"), "video/mp4",
            new T.DocumentAttributeVideo { Duration = 3.5, W = 640, H = 360, SupportsStreaming = true });
        media.Thumb = FilesSupport.Upload(h, a, thumbPng, 2, "thumb.png");
        var sent = h.Call(a, new TF.Messages.SendMedia { Peer = h.PeerUser(a, b.UserId), Media = media, Message = "", RandomId = 1 });
        var pushed = Assert.IsType<T.MessageMediaDocument>(Assert.Single(FilesSupport.NewMessages(Assert.Single(b.Sink.Pushes))).Media);
        Assert.True(pushed.Video);
        Assert.Single(Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "", Filter = new T.InputMessagesFilterVideo(), Limit = 10 })).MessagesValue);
        Assert.Empty(Assert.IsType<T.Messages.Messages>(h.Call(b, new TF.Messages.Search { Peer = h.PeerUser(b, a.UserId), Q = "", Filter = new T.InputMessagesFilterDocument(), Limit = 10 })).MessagesValue);
        var document = Assert.IsType<T.Document>(pushed.Document);
        Assert.Equal("video/mp4", document.MimeType);
        Assert.Equal(640, Assert.IsType<T.DocumentAttributeVideo>(document.Attributes[0]).W);
        Assert.Equal("clip.mp4", Assert.IsType<T.DocumentAttributeFilename>(document.Attributes[1]).FileName);
        var thumb = Assert.IsType<T.PhotoSize>(Assert.Single(document.Thumbs!));
        Assert.Equal((90, 60, "s"), (thumb.W, thumb.H, thumb.Type));
        var thumbLocation = FilesSupport.Location(document);
        thumbLocation.ThumbSize = "s";
        Assert.Equal(thumbPng, FilesSupport.Download(h, b, thumbLocation));
        Assert.Equal(bytes, FilesSupport.Download(h, b, FilesSupport.Location(document)));
        Assert.NotNull(sent);
        h.AssertClean();
    }

    [Fact]
    public void BadPhotosAndCaptionsGetTelegramsErrors()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        string Send(InputMedia media, string caption = "") =>
            h.Fail(a, new TF.Messages.SendMedia { Peer = new T.InputPeerSelf(), Media = media, Message = caption, RandomId = Random.Shared.NextInt64(1, long.MaxValue) }).RawMessage;

        Assert.Equal("IMAGE_PROCESS_FAILED", Send(Photo(FilesSupport.Upload(h, a, FilesSupport.Noise(3000), 1))));
        Assert.Equal("PHOTO_INVALID_DIMENSIONS", Send(Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(9000, 2000), 2))));
        Assert.Equal("PHOTO_INVALID_DIMENSIONS", Send(Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(2100, 100), 3))));
        Assert.Equal("PHOTO_SAVE_FILE_INVALID", Send(Photo(FilesSupport.UploadBig(h, a, FilesSupport.Jpeg(100, 100, size: 10 * 1024 * 1024 + 1), 4))));
        Assert.Equal("MEDIA_CAPTION_TOO_LONG", Send(Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(100, 100), 5)), new string('x', 1025)));
        Assert.Equal("MEDIA_EMPTY", Send(new T.InputMediaEmpty()));
        Assert.Equal("MEDIA_EMPTY", Send(new T.InputMediaPhoto { Id = new T.InputPhotoEmpty() }));
        Assert.Equal("MEDIA_INVALID", Send(new T.InputMediaDocument { Id = new T.InputDocument { Id = 99, AccessHash = 1, FileReference = [] } }));
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new TF.Messages.SendMedia
        {
            Peer = new T.InputPeerUser { UserId = 424242, AccessHash = 1 },
            Media = Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(100, 100), 6)),
            Message = "",
            RandomId = 77,
        }).RawMessage);
        // The photo that was refused for its peer is still there to send.
        var ok = h.Call(a, new TF.Messages.SendMedia { Peer = new T.InputPeerSelf(), Media = Photo(new T.InputFile { Id = 6, Parts = 1, Name = "p.jpg", Md5Checksum = "" }), Message = "", RandomId = 78 });
        Assert.IsType<T.MessageMediaPhoto>(Assert.Single(FilesSupport.NewMessages(ok)).Media);
        Assert.Equal("RANDOM_ID_DUPLICATE", h.Fail(a, new TF.Messages.SendMedia { Peer = new T.InputPeerSelf(), Media = Photo(new T.InputFile { Id = 6, Parts = 1, Name = "p.jpg", Md5Checksum = "" }), Message = "", RandomId = 78 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void AlbumsGoThroughUploadMediaAndArriveAsOneGroup()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var chat = h.World.CreateChat(a.UserId, "album club", [b.UserId, c.UserId]);
        var chatPeer = new T.InputPeerChat { ChatId = chat };
        T.InputMediaPhoto Uploaded(int id)
        {
            var photo = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(h.Call(a, new TF.Messages.UploadMedia
            {
                Peer = chatPeer,
                Media = Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(300 + id, 200), id)),
            })).Photo);
            return new T.InputMediaPhoto { Id = new T.InputPhoto { Id = photo.Id, AccessHash = photo.AccessHash, FileReference = photo.FileReference } };
        }
        var items = Enumerable.Range(1, 3).Select(i => new T.InputSingleMedia { Media = Uploaded(i), RandomId = 100 + i, Message = $"photo {i}" }).ToArray();
        b.Sink.Clear();
        var answer = h.Call(a, new TF.Messages.SendMultiMedia { Peer = chatPeer, MultiMedia = items });
        var sent = FilesSupport.NewMessages(answer);
        Assert.Equal(3, sent.Length);
        Assert.Equal(3, TruthChecks.UpdatesOf(answer).OfType<T.UpdateMessageID>().Count());
        var grouped = Assert.Single(sent.Select(m => m.GroupedId).Distinct());
        Assert.NotNull(grouped);
        Assert.Equal(["photo 1", "photo 2", "photo 3"], sent.Select(m => m.MessageValue));
        var atB = FilesSupport.NewMessages(Assert.Single(b.Sink.Pushes));
        Assert.Equal(3, atB.Length);
        Assert.All(atB, m => Assert.Equal(atB[0].GroupedId, m.GroupedId));
        Assert.Equal(301, Assert.IsType<T.PhotoSize>(Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(atB[0].Media).Photo).Sizes[0]).W);

        string Fail(params T.InputSingleMedia[] media) => h.Fail(a, new TF.Messages.SendMultiMedia { Peer = chatPeer, MultiMedia = media }).RawMessage;
        T.InputSingleMedia Single(InputMedia media, long randomId) => new() { Media = media, RandomId = randomId, Message = "" };
        Assert.Equal("MEDIA_EMPTY", Fail());
        Assert.Equal("MEDIA_INVALID", Fail(Single(items[0].Media, 1)));
        Assert.Equal("MULTI_MEDIA_TOO_LONG", Fail([.. Enumerable.Range(1, 11).Select(i => Single(items[0].Media, i))]));
        Assert.Equal("RANDOM_ID_DUPLICATE", Fail(Single(items[0].Media, 5), Single(items[1].Media, 5)));
        Assert.Equal("RANDOM_ID_EMPTY", Fail(Single(items[0].Media, 0), Single(items[1].Media, 6)));
        Assert.Equal("MEDIA_INVALID", Fail(Single(items[0].Media, 7), Single(Photo(FilesSupport.Upload(h, a, FilesSupport.Jpeg(50, 50), 20)), 8)));
        var pdf = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = chatPeer,
            Media = Doc(FilesSupport.Upload(h, a, FilesSupport.Noise(100), 21, "a.pdf")),
        })).Document);
        var pdfMedia = new T.InputMediaDocument { Id = new T.InputDocument { Id = pdf.Id, AccessHash = pdf.AccessHash, FileReference = pdf.FileReference } };
        Assert.Equal("GROUPED_MEDIA_INVALID", Fail(Single(items[0].Media, 9), Single(pdfMedia, 10)));
        Assert.Equal("RANDOM_ID_DUPLICATE", Fail(Single(items[0].Media, 101), Single(items[1].Media, 11)));
        h.AssertClean();
    }

    [Fact]
    public void ChannelMembersEachSeeTheirOwnHashAndForwardsKeepTheMedia()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var channel = h.World.CreateChannel(a.UserId, "pictures", broadcast: false, memberIds: [b.UserId]);
        b.Sink.Clear();
        var answer = h.Call(a, new TF.Messages.SendMedia
        {
            Peer = h.PeerChannel(a, channel),
            Media = Photo(FilesSupport.Upload(h, a, FilesSupport.Png(400, 300), 1, "p.png")),
            Message = "in the channel",
            RandomId = 1,
        });
        var own = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(Assert.Single(FilesSupport.NewMessages(answer)).Media).Photo);
        var atB = Assert.Single(FilesSupport.NewMessages(Assert.Single(b.Sink.Pushes)));
        var theirs = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(atB.Media).Photo);
        Assert.Equal(own.Id, theirs.Id);
        Assert.NotEqual(own.AccessHash, theirs.AccessHash);
        Assert.IsType<TS.FilePng>(Assert.IsType<T.Upload.File>(h.Call(b, new TF.Upload.GetFile { Location = FilesSupport.Location(theirs), Offset = 0, Limit = 4096 })).Type);
        var history = Assert.IsType<T.Messages.ChannelMessages>(h.Call(b, new TF.Messages.GetHistory { Peer = h.PeerChannel(b, channel), Limit = 5 }));
        Assert.Contains(history.Messages, m => m is T.Message { Media: T.MessageMediaPhoto { Photo: T.Photo p } } && p.AccessHash == theirs.AccessHash);

        // B forwards it to C: C gets the photo with C's own hash.
        c.Sink.Clear();
        h.Call(b, new TF.Messages.ForwardMessages { FromPeer = h.PeerChannel(b, channel), Id = [atB.Id], RandomId = [44], ToPeer = h.PeerUser(b, c.UserId) });
        var atC = Assert.IsType<T.Photo>(Assert.IsType<T.MessageMediaPhoto>(Assert.Single(FilesSupport.NewMessages(Assert.Single(c.Sink.Pushes))).Media).Photo);
        Assert.Equal(own.Id, atC.Id);
        Assert.Equal(h.World.Files.Keys.AccessHash(c.UserId, own.Id), atC.AccessHash);
        Assert.Equal(FilesSupport.Png(400, 300), FilesSupport.Download(h, c, FilesSupport.Location(atC)));
        h.AssertClean();
    }

    [Fact]
    public void FilesOnAnotherDcAnswerFileMigrateUntilAskedThere()
    {
        var h = new WorldHarness(o => o with { FileDc = 4 });
        var a = h.Login("9996621111", "A");
        var bytes = FilesSupport.Noise(10_000);
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = Doc(FilesSupport.Upload(h, a, bytes, 1)),
        })).Document);
        Assert.Equal(4, document.DcId);
        var migrate = h.Fail(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 0, Limit = 4096 });
        Assert.Equal(303, migrate.Code);
        Assert.Equal("FILE_MIGRATE_4", migrate.RawMessage);

        var exported = Assert.IsType<T.Auth.ExportedAuthorization>(h.Call(a, new TF.Auth.ExportAuthorization { DcId = 4 }));
        var onFour = h.NewSession(4);
        h.Call(onFour, new TF.Auth.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes });
        onFour.UserId = a.UserId;
        Assert.Equal(bytes, FilesSupport.Download(h, onFour, FilesSupport.Location(document)));
        h.AssertClean();

        Assert.Throws<ArgumentException>(() => new TelegramWorld(new WorldOptions { FileDc = 9 }));
    }

    [Fact]
    public void ProfilePhotosAreListedShownAndDownloadable()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var first = FilesSupport.Jpeg(640, 640, size: 3000);
        var second = FilesSupport.Png(200, 180);
        var one = Assert.IsType<T.Photos.Photo>(h.Call(a, new TF.Photos.UploadProfilePhoto { File = FilesSupport.Upload(h, a, first, 1) }));
        Assert.Contains(one.Users, u => u is T.User { Id: var id } && id == a.UserId);
        var two = Assert.IsType<T.Photo>(Assert.IsType<T.Photos.Photo>(h.Call(a, new TF.Photos.UploadProfilePhoto { File = FilesSupport.Upload(h, a, second, 2) })).PhotoValue);
        Assert.Equal("PHOTO_CROP_SIZE_SMALL", h.Fail(a, new TF.Photos.UploadProfilePhoto { File = FilesSupport.Upload(h, a, FilesSupport.Jpeg(100, 100), 3) }).RawMessage);
        Assert.Equal("PHOTO_FILE_MISSING", h.Fail(a, new TF.Photos.UploadProfilePhoto()).RawMessage);

        var listed = Assert.IsType<T.Photos.Photos>(h.Call(b, new TF.Photos.GetUserPhotos { UserId = h.InputUser(b, a.UserId), Limit = 10 }));
        Assert.Equal(2, listed.PhotosValue.Length);
        var newest = Assert.IsType<T.Photo>(listed.PhotosValue[0]);
        Assert.Equal(two.Id, newest.Id);
        Assert.Equal(second, FilesSupport.Download(h, b, FilesSupport.Location(newest)));
        var slice = Assert.IsType<T.Photos.PhotosSlice>(h.Call(b, new TF.Photos.GetUserPhotos { UserId = h.InputUser(b, a.UserId), Limit = 1 }));
        Assert.Equal(2, slice.Count);
        var older = Assert.IsType<T.Photos.Photos>(h.Call(b, new TF.Photos.GetUserPhotos { UserId = h.InputUser(b, a.UserId), MaxId = two.Id, Limit = 10 }));
        Assert.Equal(first, FilesSupport.Download(h, b, FilesSupport.Location(Assert.IsType<T.Photo>(Assert.Single(older.PhotosValue)))));
        Assert.Empty(Assert.IsType<T.Photos.Photos>(h.Call(a, new TF.Photos.GetUserPhotos { UserId = h.InputUser(a, b.UserId), Limit = 10 })).PhotosValue);

        // The user's photo field and the peer photo location.
        var user = Assert.IsType<T.User>(Assert.Single(h.Call(b, new TF.Users.GetUsers { Id = [h.InputUser(b, a.UserId)] })));
        var profile = Assert.IsType<T.UserProfilePhoto>(user.Photo);
        Assert.Equal(two.Id, profile.PhotoId);
        var peerLocation = new T.InputPeerPhotoFileLocation { Peer = h.PeerUser(b, a.UserId), PhotoId = profile.PhotoId, Big = true };
        Assert.Equal(second, FilesSupport.Download(h, b, peerLocation));
        Assert.Equal("LOCATION_INVALID", h.Fail(b, new TF.Upload.GetFile { Location = new T.InputPeerPhotoFileLocation { Peer = h.PeerUser(b, a.UserId), PhotoId = 1 }, Offset = 0, Limit = 4096 }).RawMessage);
        h.AssertClean();
    }
}
