using Telethon.Files;
using Telethon.Tests.EndToEnd;
using static Telethon.Tests.Accounts.FileDcServer;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Accounts;

/// <summary>A document the test server stores on DC 4 (<c>FileDc = 4</c>), downloaded with the server's own upload.getFile.</summary>
public sealed class FileDcServerFilesTests
{
    [Fact]
    public async Task A_document_stored_on_another_DC_downloads_from_there_directly_and_after_FILE_MIGRATE()
    {
        await using var server = await EndToEndServer.StartAsync(world: w => w with { FileDc = FileDc });
        var runtime = server.Runtime();
        var alice = await AccountTesting.AliceAsync(runtime, server);
        var content = Enumerable.Range(0, 1_500_000).Select(i => (byte)(i % 253)).ToArray();
        var input = await FileUploader.UploadAsync(alice, new MemoryStream(content), content.Length, "data.bin", null, CancellationToken.None);
        var media = await alice.InvokeAsync(new Fn.Messages.UploadMedia
        {
            Peer = new TlTypes.InputPeerSelf(),
            Media = new TlTypes.InputMediaUploadedDocument
            {
                File = input,
                MimeType = "application/octet-stream",
                Attributes = [new TlTypes.DocumentAttributeFilename { FileName = "data.bin" }],
            },
        });
        var document = Assert.IsType<TlTypes.Document>(Assert.IsType<TlTypes.MessageMediaDocument>(media).Document);
        Assert.Equal(FileDc, document.DcId);
        var location = new TlTypes.InputDocumentFileLocation
        {
            Id = document.Id, AccessHash = document.AccessHash, FileReference = document.FileReference, ThumbSize = "",
        };

        // To the DC the document names, then as if it lived at home: DC 2 answers FILE_MIGRATE_4, which is followed.
        foreach (var dc in new[] { document.DcId, 2 })
        {
            using var destination = new MemoryStream();
            await FileDownloader.DownloadAsync(alice, location, dc, document.Size, destination, null, CancellationToken.None);
            Assert.Equal(content, destination.ToArray());
        }

        Assert.Equal(new[] { 2, FileDc }, DcsOf(await SendersAsync(runtime, "alice")));
        Assert.Equal(2, await HomeDcAsync(runtime, "alice"));
        Assert.NotNull((await SessionOfAsync(runtime, "alice")).GetAuthKey(FileDc));
    }
}
