using Telethon.TestServer.Config;
using Telethon.TestServer.World;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;
using TS = Telethon.Tl.Types.Storage;

namespace Telethon.Tests.TestServer;

/// <summary>upload.saveFilePart / saveBigFilePart / getFile against Telegram's rules (core.telegram.org/api/files).</summary>
public sealed class FilesUploadTests
{
    private static T.InputMediaUploadedDocument Doc(Telethon.Tl.Abcs.InputFile file, string mime = "application/octet-stream") =>
        new() { File = file, MimeType = mime, Attributes = [] };

    [Fact]
    public void AFileLargerThanOnePartAndNotAMultipleOfItRoundTrips()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var bytes = FilesSupport.Noise(300 * 1024 + 123);
        var input = FilesSupport.Upload(h, a, bytes, fileId: 77, name: "report.bin");
        Assert.Equal(3, input.Parts);

        var media = Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia { Peer = new T.InputPeerSelf(), Media = Doc(input) }));
        var document = Assert.IsType<T.Document>(media.Document);
        Assert.Equal(bytes.Length, document.Size);
        Assert.Equal(2, document.DcId);
        Assert.Equal("report.bin", Assert.IsType<T.DocumentAttributeFilename>(Assert.Single(document.Attributes)).FileName);
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(document)));
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(document), chunk: 4096));

        // The type of the first chunk is the format's, later chunks are partial; past the end the bytes are empty.
        var first = Assert.IsType<T.Upload.File>(h.Call(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 0, Limit = 4096 }));
        Assert.IsType<TS.FileUnknown>(first.Type);
        var later = Assert.IsType<T.Upload.File>(h.Call(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 4096, Limit = 4096 }));
        Assert.IsType<TS.FilePartial>(later.Type);
        Assert.Empty(Assert.IsType<T.Upload.File>(h.Call(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 1 << 20, Limit = 4096 })).Bytes);

        // The same inputFile may be used again: the same bytes, a new document.
        var again = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia { Peer = new T.InputPeerSelf(), Media = Doc(input) })).Document);
        Assert.NotEqual(document.Id, again.Id);
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(again)));
        h.AssertClean();
    }

    [Fact]
    public void PartsOutOfTheRulesAreRefusedOneByOne()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        string Fail(Telethon.Tl.TlFunction f) => h.Fail(a, f).RawMessage;

        Assert.Equal("FILE_PART_EMPTY", Fail(new TF.Upload.SaveFilePart { FileId = 1, FilePart = 0, Bytes = [] }));
        Assert.Equal("FILE_PART_TOO_BIG", Fail(new TF.Upload.SaveFilePart { FileId = 1, FilePart = 0, Bytes = new byte[512 * 1024 + 1] }));
        Assert.Equal("FILE_PART_INVALID", Fail(new TF.Upload.SaveFilePart { FileId = 1, FilePart = -1, Bytes = new byte[1024] }));
        Assert.Equal("FILE_PART_INVALID", Fail(new TF.Upload.SaveFilePart { FileId = 1, FilePart = FilesService.MaxParts, Bytes = new byte[1024] }));
        Assert.True(h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = FilesService.MaxParts - 1, Bytes = new byte[1024] }));

        Assert.Equal("FILE_PARTS_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = 0, Bytes = new byte[1024] }));
        Assert.Equal("FILE_PARTS_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = FilesService.MaxParts + 1, Bytes = new byte[1024] }));
        Assert.Equal("FILE_PARTS_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = int.MaxValue, Bytes = new byte[1024] }));
        Assert.Equal("FILE_PART_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 3, FileTotalParts = 3, Bytes = new byte[1024] }));
        Assert.Equal("FILE_PART_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = int.MinValue, FileTotalParts = 3, Bytes = new byte[1024] }));
        // A part but the last must be a multiple of 1 KiB dividing 512 KiB.
        Assert.Equal("FILE_PART_SIZE_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = 3, Bytes = new byte[1000] }));
        Assert.Equal("FILE_PART_SIZE_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = 3, Bytes = new byte[3 * 1024] }));
        Assert.True(h.Call(a, new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 0, FileTotalParts = 3, Bytes = new byte[64 * 1024] }));
        Assert.Equal("FILE_PART_SIZE_CHANGED", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 1, FileTotalParts = 3, Bytes = new byte[32 * 1024] }));
        Assert.Equal("FILE_PART_SIZE_CHANGED", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 2, FileTotalParts = 3, Bytes = new byte[128 * 1024] }));
        Assert.Equal("FILE_PARTS_INVALID", Fail(new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 1, FileTotalParts = 4, Bytes = new byte[64 * 1024] }));
        // Nothing refused was kept: the file is whole with its three good parts.
        Assert.True(h.Call(a, new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 1, FileTotalParts = 3, Bytes = new byte[64 * 1024] }));
        Assert.True(h.Call(a, new TF.Upload.SaveBigFilePart { FileId = 2, FilePart = 2, FileTotalParts = 3, Bytes = new byte[100] }));
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = Doc(new T.InputFileBig { Id = 2, Parts = 3, Name = "big" }),
        })).Document);
        Assert.Equal(128 * 1024 + 100, document.Size);
        h.AssertClean();
    }

    [Fact]
    public void AFileIsCheckedWhenUsedAndAFailedUseLosesNothing()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var bytes = FilesSupport.Noise(200 * 1024);
        string Use(TestSession who, Telethon.Tl.Abcs.InputFile file) =>
            h.Fail(who, new TF.Messages.UploadMedia { Peer = new T.InputPeerSelf(), Media = Doc(file) }).RawMessage;

        // Parts 0 and 2 of three: part 1 is missing.
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 5, FilePart = 0, Bytes = bytes[..(64 * 1024)] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 5, FilePart = 2, Bytes = bytes[(128 * 1024)..(150 * 1024)] });
        Assert.Equal("FILE_PART_1_MISSING", Use(a, new T.InputFile { Id = 5, Parts = 3, Name = "x", Md5Checksum = "" }));
        // Another account's file id is not its own.
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 5, FilePart = 1, Bytes = bytes[(64 * 1024)..(128 * 1024)] });
        Assert.Equal("FILE_PART_0_MISSING", Use(b, new T.InputFile { Id = 5, Parts = 3, Name = "x", Md5Checksum = "" }));
        Assert.Equal("FILE_PART_0_MISSING", Use(a, new T.InputFileBig { Id = 5, Parts = 3, Name = "x" }));
        Assert.Equal("FILE_PARTS_INVALID", Use(a, new T.InputFile { Id = 5, Parts = 2, Name = "x", Md5Checksum = "" }));
        Assert.Equal("FILE_PARTS_INVALID", Use(a, new T.InputFile { Id = 5, Parts = 0, Name = "x", Md5Checksum = "" }));
        Assert.Equal("FILE_PARTS_INVALID", Use(a, new T.InputFile { Id = 5, Parts = int.MaxValue, Name = "x", Md5Checksum = "" }));
        var whole = bytes[..(150 * 1024)];
        Assert.Equal("MD5_CHECKSUM_INVALID", Use(a, new T.InputFile { Id = 5, Parts = 3, Name = "x", Md5Checksum = FilesSupport.Md5(bytes) }));
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = Doc(new T.InputFile { Id = 5, Parts = 3, Name = "x", Md5Checksum = FilesSupport.Md5(whole).ToUpperInvariant() }),
        })).Document);
        Assert.Equal(whole, FilesSupport.Download(h, a, FilesSupport.Location(document)));

        // Small files: every part but the last has one size, a valid one; the last is no larger.
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 6, FilePart = 0, Bytes = new byte[64 * 1024] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 6, FilePart = 1, Bytes = new byte[32 * 1024] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 6, FilePart = 2, Bytes = new byte[10] });
        Assert.Equal("FILE_PART_SIZE_CHANGED", Use(a, new T.InputFile { Id = 6, Parts = 3, Name = "x", Md5Checksum = "" }));
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 7, FilePart = 0, Bytes = new byte[1000] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 7, FilePart = 1, Bytes = new byte[10] });
        Assert.Equal("FILE_PART_SIZE_INVALID", Use(a, new T.InputFile { Id = 7, Parts = 2, Name = "x", Md5Checksum = "" }));
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 8, FilePart = 0, Bytes = new byte[1024] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 8, FilePart = 1, Bytes = new byte[2048] });
        Assert.Equal("FILE_PART_SIZE_CHANGED", Use(a, new T.InputFile { Id = 8, Parts = 2, Name = "x", Md5Checksum = "" }));
        // One part of any size is a whole file.
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 9, FilePart = 0, Bytes = new byte[1000] });
        Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia { Peer = new T.InputPeerSelf(), Media = Doc(new T.InputFile { Id = 9, Parts = 1, Name = "x", Md5Checksum = "" }) }));
        h.AssertClean();
    }

    [Fact]
    public void ABigFileRoundTripsThroughSaveBigFilePart()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var bytes = FilesSupport.Noise(3 * 512 * 1024 + 4321, seed: 3);
        var input = FilesSupport.UploadBig(h, a, bytes, fileId: -42);
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = Doc(input, "video/mp4"),
        })).Document);
        Assert.Equal(bytes, FilesSupport.Download(h, a, FilesSupport.Location(document), chunk: 1 << 20));
        Assert.IsType<TS.FileMp4>(Assert.IsType<T.Upload.File>(h.Call(a, new TF.Upload.GetFile { Location = FilesSupport.Location(document), Offset = 0, Limit = 4096 })).Type);
        h.AssertClean();
    }

    [Fact]
    public void GetFileFollowsTheOffsetAndLimitRules()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var bytes = FilesSupport.Noise(2 * 1024 * 1024 + 5000);
        var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(h.Call(a, new TF.Messages.UploadMedia
        {
            Peer = new T.InputPeerSelf(),
            Media = Doc(FilesSupport.UploadBig(h, a, bytes, fileId: 3)),
        })).Document);
        var location = FilesSupport.Location(document);
        string Fail(long offset, int limit, bool precise = false) =>
            h.Fail(a, new TF.Upload.GetFile { Location = location, Offset = offset, Limit = limit, Precise = precise }).RawMessage;
        T.Upload.File Get(long offset, int limit, bool precise = false) =>
            Assert.IsType<T.Upload.File>(h.Call(a, new TF.Upload.GetFile { Location = location, Offset = offset, Limit = limit, Precise = precise }));

        Assert.Equal("OFFSET_INVALID", Fail(-4096, 4096));
        Assert.Equal("OFFSET_INVALID", Fail(1024, 4096));
        Assert.Equal("OFFSET_INVALID", Fail(long.MinValue, 4096));
        Assert.Equal("LIMIT_INVALID", Fail(0, 0));
        Assert.Equal("LIMIT_INVALID", Fail(0, -4096));
        Assert.Equal("LIMIT_INVALID", Fail(0, 3000));
        Assert.Equal("LIMIT_INVALID", Fail(0, 12 * 1024));         // a multiple of 4 KiB that does not divide 1 MiB
        Assert.Equal("LIMIT_INVALID", Fail(0, 2 * 1024 * 1024));
        Assert.Equal("LIMIT_INVALID", Fail((1 << 20) - 4096, 8192)); // across a 1 MiB boundary
        Assert.Equal("LIMIT_INVALID", Fail(long.MaxValue - 4095, 8192));
        Assert.Empty(Get(long.MaxValue - 4095, 4096).Bytes);
        Assert.Equal(bytes.AsSpan((1 << 20) - 8192, 8192).ToArray(), Get((1 << 20) - 8192, 8192).Bytes);
        Assert.Equal(bytes.AsSpan(1 << 20, 1 << 20).ToArray(), Get(1 << 20, 1 << 20).Bytes);
        Assert.Equal(bytes.AsSpan(2 << 20).ToArray(), Get(2 << 20, 1 << 20).Bytes);

        // precise: multiples of 1 KiB, at most 1 MiB, still within one 1 MiB block.
        Assert.Equal(bytes.AsSpan(1024, 3072).ToArray(), Get(1024, 3072, precise: true).Bytes);
        Assert.Equal("OFFSET_INVALID", Fail(512, 1024, precise: true));
        Assert.Equal("LIMIT_INVALID", Fail(0, 1000, precise: true));
        Assert.Equal("LIMIT_INVALID", Fail((1 << 20) - 1024, 2048, precise: true));

        // Locations: a thumb size the document has not, a kind the server keeps no files of.
        Assert.Equal("LOCATION_INVALID", h.Fail(a, new TF.Upload.GetFile { Location = new T.InputDocumentFileLocation { Id = document.Id, AccessHash = document.AccessHash, FileReference = document.FileReference, ThumbSize = "m" }, Offset = 0, Limit = 4096 }).RawMessage);
        Assert.Equal("LOCATION_INVALID", h.Fail(a, new TF.Upload.GetFile { Location = new T.InputFileLocation { VolumeId = 1, LocalId = 2, Secret = 3, FileReference = [] }, Offset = 0, Limit = 4096 }).RawMessage);
        Assert.Equal("LOCATION_INVALID", h.Fail(a, new TF.Upload.GetFile { Location = new T.InputDocumentFileLocation { Id = 12345, AccessHash = 1, FileReference = [], ThumbSize = "" }, Offset = 0, Limit = 4096 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void FloodRulesCoverFileMethodsByNameAndNamespace()
    {
        var plan = new FaultPlan(new FaultOptions
        {
            FloodRules =
            [
                new FloodRule("upload.saveFilePart", new AccountSelector("9996621111"), 2, TimeSpan.FromSeconds(10)),
                new FloodRule("upload.*", new AccountSelector("9996622222"), 1, TimeSpan.FromSeconds(5)),
            ],
        });
        var h = new WorldHarness(faults: plan);
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 0, Bytes = new byte[1024] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 1, Bytes = new byte[1024] });
        var flood = h.Fail(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 2, Bytes = new byte[1024] });
        Assert.Equal(420, flood.Code);
        Assert.Equal("FLOOD_WAIT_10", flood.RawMessage);
        h.Call(b, new TF.Upload.SaveBigFilePart { FileId = 1, FilePart = 0, FileTotalParts = 2, Bytes = new byte[1024] });
        Assert.Equal("FLOOD_WAIT_5", h.Fail(b, new TF.Upload.GetFile { Location = new T.InputDocumentFileLocation { Id = 1, AccessHash = 1, FileReference = [], ThumbSize = "" }, Offset = 0, Limit = 4096 }).RawMessage);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 2, Bytes = new byte[1024] }));
        Assert.True(h.Call(b, new TF.Upload.SaveBigFilePart { FileId = 1, FilePart = 1, FileTotalParts = 2, Bytes = new byte[10] }));
        h.AssertClean();
    }

    [Fact]
    public void TheStorageLimitRefusesWhatDoesNotFitAndAFolderHoldsTheFiles()
    {
        var h = new WorldHarness(o => o with { FileStorageLimit = 300 * 1024 });
        var a = h.Login("9996621111", "A");
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 0, Bytes = new byte[128 * 1024] });
        h.Call(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 1, Bytes = new byte[128 * 1024] });
        Assert.Equal("FILE_STORAGE_FULL", h.Fail(a, new TF.Upload.SaveFilePart { FileId = 1, FilePart = 2, Bytes = new byte[128 * 1024] }).RawMessage);
        // Putting the parts together needs room for the whole file as well.
        Assert.Equal("FILE_STORAGE_FULL", h.Fail(a, new TF.Messages.UploadMedia { Peer = new T.InputPeerSelf(), Media = Doc(new T.InputFile { Id = 1, Parts = 2, Name = "x", Md5Checksum = "" }) }).RawMessage);
        h.AssertClean();

        var folder = Path.Combine(Path.GetTempPath(), "telethon-files-" + Guid.NewGuid().ToString("N"));
        try
        {
            var f = new WorldHarness(o => o with { FileFolder = folder });
            var c = f.Login("9996623333", "C");
            var bytes = FilesSupport.Noise(200 * 1024 + 17);
            var document = Assert.IsType<T.Document>(Assert.IsType<T.MessageMediaDocument>(f.Call(c, new TF.Messages.UploadMedia
            {
                Peer = new T.InputPeerSelf(),
                Media = Doc(FilesSupport.Upload(f, c, bytes, fileId: 11)),
            })).Document);
            Assert.Equal(bytes, FilesSupport.Download(f, c, FilesSupport.Location(document)));
            var stored = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
            Assert.Contains(stored, path => new FileInfo(path).Length == bytes.Length);
            f.AssertClean();
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
