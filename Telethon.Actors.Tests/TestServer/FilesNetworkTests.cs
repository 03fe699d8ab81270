using System.Security.Cryptography;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;
using Telethon.Tests.TestServer.Network;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>Files over real loopback connections: upload in parts, send, push, FILE_MIGRATE to the file DC, download there.</summary>
public sealed class FilesNetworkTests
{
    [Fact]
    public async Task APhotoUploadedInPartsIsDownloadedByTheRecipientOnTheFileDc()
    {
        await using var server = await RunningServer.StartAsync(new TestServerOptions
        {
            DcCount = 5,
            Config = new TestServerConfig { World = new WorldOptions { FileDc = 3 } },
        });
        await using var fay = await server.ConnectAsync(dc: 2);
        await using var gus = await server.ConnectAsync(dc: 2);
        await TestServerNetworkTests.SignUpAsync(fay, "9996627777", "Fay");
        var gusUser = await TestServerNetworkTests.SignUpAsync(gus, "9996628888", "Gus");
        var resolved = Assert.IsType<Types.Contacts.ResolvedPeer>(await fay.InvokeAsync(new Fn.Contacts.ResolvePhone { Phone = "9996628888" }));
        var gusAsSeen = Assert.IsType<Types.User>(Assert.Single(resolved.Users));

        // A photo of 2.5 parts of 64 KiB: a real PNG header padded with noise after its end.
        var png = FilesSupport.Png(320, 240);
        var bytes = new byte[160 * 1024];
        png.CopyTo(bytes, 0);
        RandomNumberGenerator.Fill(bytes.AsSpan(png.Length));
        const int part = 64 * 1024;
        var parts = 0;
        for (var at = 0; at < bytes.Length; at += part, parts++)
            Assert.True(await fay.InvokeAsync(new Fn.Upload.SaveFilePart { FileId = 555, FilePart = parts, Bytes = bytes[at..Math.Min(bytes.Length, at + part)] }));
        await fay.InvokeAsync(new Fn.Messages.SendMedia
        {
            Peer = new Types.InputPeerUser { UserId = gusAsSeen.Id, AccessHash = gusAsSeen.AccessHash!.Value },
            Media = new Types.InputMediaUploadedPhoto { File = new Types.InputFile { Id = 555, Parts = parts, Name = "p.png", Md5Checksum = FilesSupport.Md5(bytes) } },
            Message = "look",
            RandomId = 4242,
        });

        // A message with media is pushed in an updates container (the short forms carry none).
        var container = await gus.NextUpdateAsync<Types.UpdatesConstructor>(u => u.Updates.Any(x => x is Types.UpdateNewMessage { Message: Types.Message { MessageValue: "look" } }));
        var pushed = container.Updates.OfType<Types.UpdateNewMessage>().Single();
        var photo = Assert.IsType<Types.Photo>(Assert.IsType<Types.MessageMediaPhoto>(Assert.IsType<Types.Message>(pushed.Message).Media).Photo);
        Assert.Equal(3, photo.DcId);
        var size = Assert.IsType<Types.PhotoSize>(Assert.Single(photo.Sizes));
        Assert.Equal((320, 240), (size.W, size.H));
        var location = new Types.InputPhotoFileLocation { Id = photo.Id, AccessHash = photo.AccessHash, FileReference = photo.FileReference, ThumbSize = size.Type };

        var migrate = await Assert.ThrowsAsync<RpcError>(() => gus.InvokeAsync(new Fn.Upload.GetFile { Location = location, Offset = 0, Limit = 64 * 1024 }));
        Assert.Equal(303, migrate.Code);
        Assert.Equal("FILE_MIGRATE_3", migrate.RawMessage);

        var exported = Assert.IsType<Types.Auth.ExportedAuthorization>(await gus.InvokeAsync(new Fn.Auth.ExportAuthorization { DcId = 3 }));
        await using var gusOnThree = await server.ConnectAsync(dc: 3);
        var imported = Assert.IsType<Types.Auth.Authorization>(await gusOnThree.InvokeAsync(new Fn.Auth.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes }));
        Assert.Equal(gusUser.Id, Assert.IsType<Types.User>(imported.User).Id);
        using var downloaded = new MemoryStream();
        const int chunk = 64 * 1024;
        for (long offset = 0; ; offset += chunk)
        {
            var file = Assert.IsType<Types.Upload.File>(await gusOnThree.InvokeAsync(new Fn.Upload.GetFile { Location = location, Offset = offset, Limit = chunk }));
            downloaded.Write(file.Bytes);
            if (file.Bytes.Length < chunk)
                break;
        }
        Assert.Equal(bytes, downloaded.ToArray());

        var invalid = await Assert.ThrowsAsync<RpcError>(() => gusOnThree.InvokeAsync(new Fn.Upload.GetFile { Location = location, Offset = 100, Limit = chunk }));
        Assert.Equal("OFFSET_INVALID", invalid.RawMessage);
        Assert.DoesNotContain(server.Log, line => line.Contains("internal error", StringComparison.Ordinal));
    }
}
