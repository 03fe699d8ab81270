using System.Buffers;
using System.Buffers.Binary;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Files;
using Telethon.Mtproto;
using Telethon.Tests.Mtproto;
using Telethon.Tl;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Types;
using Xunit;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Files;

/// <summary>
/// The buffers a transfer lends instead of allocating (frames, file chunks, the server's large answers): what they hold
/// is right, and nothing reads one after it went back to the pool.
/// </summary>
public sealed class PooledTransferBufferTests
{
    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Fn.Upload.GetFile Request(long offset) => new()
    {
        Location = new TlTypes.InputDocumentFileLocation { Id = 7, AccessHash = -9, FileReference = [1, 2, 3], ThumbSize = "" },
        Offset = offset,
        Limit = 1 << 20,
    };

    [Fact]
    public void GetFileChunk_is_written_byte_for_byte_as_the_upload_getFile_it_wraps()
    {
        var request = Request(3 << 20);
        var chunk = new GetFileChunk(request);
        Assert.Equal(request.ToBytes(), chunk.ToBytes());
        Assert.Equal(("upload.getFile", Fn.Upload.GetFile.TlConstructorId), (chunk.TlName, chunk.ConstructorId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    [InlineData(300_005)]
    public void GetFileChunk_reads_upload_file_into_a_chunk_of_exactly_its_bytes(int length)
    {
        var bytes = Noise(length, length + 1);
        var answer = new TlTypes.Upload.File { Type = new TlTypes.Storage.FilePartial(), Mtime = 1_700_000_000, Bytes = bytes }.ToBytes();
        var reader = new TlReader(answer);
        var chunk = (FileChunk)new GetFileChunk(Request(0)).ReadResultObject(ref reader)!;

        Assert.Null(chunk.Other);
        Assert.Equal(bytes, chunk.Bytes.ToArray());
        chunk.Release();
        chunk.Release();
        Assert.True(chunk.Bytes.IsEmpty);
    }

    [Fact]
    public void GetFileChunk_gives_any_other_answer_as_it_is()
    {
        var redirect = new TlTypes.Upload.FileCdnRedirect { DcId = 203, FileToken = [9], EncryptionKey = new byte[32], EncryptionIv = new byte[16], FileHashes = [] };
        var answer = redirect.ToBytes();
        var reader = new TlReader(answer);
        var chunk = (FileChunk)new GetFileChunk(Request(0)).ReadResultObject(ref reader)!;
        Assert.Equal(answer, Assert.IsType<TlTypes.Upload.FileCdnRedirect>(chunk.Other).ToBytes());
        Assert.True(chunk.Bytes.IsEmpty);
    }

    [Fact]
    public void GetFileChunk_refuses_a_truncated_answer_with_a_decode_error()
    {
        var answer = new TlTypes.Upload.File { Type = new TlTypes.Storage.FilePartial(), Mtime = 1, Bytes = Noise(5000, 3) }.ToBytes();
        foreach (var cut in new[] { 2, 6, 11, 4000 })
        {
            Assert.Throws<TlDecodeException>(() =>
            {
                var reader = new TlReader(answer.AsSpan(0, cut));
                return new GetFileChunk(Request(0)).ReadResultObject(ref reader);
            });
        }
    }

    [Fact]
    public void A_released_frame_is_empty_and_gives_its_array_back_once()
    {
        var rented = ArrayPool<byte>.Shared.Rent(100);
        rented.AsSpan(0, 10).Fill(7);
        var frame = new FrameReceived(rented, 10, generation: 3);
        Assert.Equal(Enumerable.Repeat((byte)7, 10), frame.Payload.ToArray());
        Assert.Equal(3, frame.Generation);
        frame.Release();
        frame.Release();
        Assert.True(frame.Payload.IsEmpty);
    }

    [Fact]
    public void A_large_answer_resent_after_the_original_was_acknowledged_arrives_intact()
    {
        // The server keeps a large answer (a file chunk) in a rented array until the client acknowledges it. Here the
        // answer is lost, the client asks for it again and then, before the resend is packed, acknowledges the original
        // (as an acknowledgement crossing the resend would): the array goes back to the pool and is reused by whoever
        // rents next, and the resend must not be read from it.
        var pair = new SessionPair(compressionThreshold: 0);
        var request = pair.Client.Enqueue(new GetNearestDc().ToBytes());
        var incoming = Assert.Single(pair.ClientToServer());
        var big = Noise(300_000, 9);
        BinaryPrimitives.WriteUInt32LittleEndian(big, 0x0badf00d);
        pair.Server.SendResult(incoming.MsgId, big);
        var lost = pair.Server.PackOutgoing()!;
        var answerId = AnswerIdIn(pair, lost);

        pair.Client.Enqueue(new MsgResendReq { MsgIds = [answerId] });
        Assert.Empty(pair.ClientToServer());
        pair.Client.Enqueue(new MsgsAck { MsgIds = [answerId] });
        Assert.Empty(pair.ClientToServer());
        for (var i = 0; i < 4; i++)
            ArrayPool<byte>.Shared.Rent(big.Length + 12).AsSpan().Fill(0xEE);

        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        Assert.Equal(big, result.Body);
    }

    [Fact]
    public void A_result_read_into_an_object_carries_no_copy_of_its_bytes()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var incoming = Assert.Single(pair.ClientToServer());
        pair.Server.SendResult(incoming.MsgId, new TlTypes.NearestDc { Country = "NL", ThisDc = 2, NearestDcValue = 2 });
        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        Assert.Equal("NL", Assert.IsType<TlTypes.NearestDc>(result.Result).Country);
        Assert.Empty(result.Body);
    }

    // The msg_id of the rpc_result in a server packet (alone or in a container).
    private static long AnswerIdIn(SessionPair pair, byte[] packet)
    {
        var (_, _, msgId, _, body) = Packets.Open(pair.Key, packet, MessageDirection.ServerToClient);
        return Packets.IdOf(body) == EncryptedMessage.ContainerId
            ? Packets.Inner(body).Single(m => Packets.IdOf(m.Body) == RpcResult.TlConstructorId).MsgId
            : msgId;
    }
}
