using System.IO.Compression;
using Telethon.Tl;
using Telethon.Tl.Json;

namespace Telethon.Tests.Tl;

/// <summary>
/// Hostile input ends in one TlDecodeException naming the offset — never another exception type,
/// a hang, or an allocation larger than the input.
/// </summary>
public sealed class TlMalformedInputTests
{
    private static readonly byte[] Payload = BuildPayload();

    [Fact]
    public void EveryTruncationOfAValidObjectIsATypedError()
    {
        for (var length = 0; length < Payload.Length; length++)
        {
            var e = Assert.Throws<TlDecodeException>(() => ReadObject(Payload.AsSpan(0, length)));
            Assert.InRange(e.Offset, 0, length);
            Assert.Throws<TlDecodeException>(() => TlJson.Decode(Payload.AsSpan(0, length)));
        }
    }

    [Fact]
    public void UnknownConstructorNamesTheIdAndOffset()
    {
        var bytes = (byte[])Payload.Clone();
        // The first message of the vector: replace its constructor id.
        var e = Assert.Throws<TlDecodeException>(() => ReadObject([0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0]));
        Assert.Equal(0xdeadbeefu, e.ConstructorId);
        Assert.Equal(0, e.Offset);

        var offset = 4 + 4 + 4; // messages.messages id, vector id, count
        BitConverter.TryWriteBytes(bytes.AsSpan(offset), 0x12345678u);
        var inner = Assert.Throws<TlDecodeException>(() => ReadObject(bytes));
        Assert.Equal(0x12345678u, inner.ConstructorId);
        Assert.Equal(offset, inner.Offset);
        Assert.Contains("Message", inner.Message);
    }

    [Fact]
    public void HugeLengthsAreRejectedBeforeAnythingIsAllocated()
    {
        // A string claiming 16 MiB, a vector claiming 2^31-1 elements: a few bytes of input each.
        byte[] hugeString = [.. BitConverter.GetBytes(0x2144ca19u), 0, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff];
        byte[] hugeVector = [.. BitConverter.GetBytes(Telethon.Tl.Mtproto.Types.MsgsAck.TlConstructorId), .. BitConverter.GetBytes(TlReader.VectorId), 0xff, 0xff, 0xff, 0x7f];
        byte[] negativeVector = [.. BitConverter.GetBytes(Telethon.Tl.Mtproto.Types.MsgsAck.TlConstructorId), .. BitConverter.GetBytes(TlReader.VectorId), 0xff, 0xff, 0xff, 0xff];
        byte[] badPrefix = [.. BitConverter.GetBytes(0x2144ca19u), 0, 0, 0, 0, 0xff, 0, 0, 0];
        foreach (var input in new[] { hugeString, hugeVector, negativeVector, badPrefix })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<TlDecodeException>(() => ReadObject(input));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated for {input.Length} bytes of hostile input");
        }
    }

    [Fact]
    public void DeepNestingIsLimited()
    {
        // textBold { text: textBold { ... } } nested 10 000 deep: would overflow the stack if unchecked.
        var bold = BitConverter.GetBytes(Telethon.Tl.Types.TextBold.TlConstructorId);
        var input = new byte[bold.Length * 10_000 + 4];
        for (var i = 0; i < 10_000; i++)
            bold.CopyTo(input, i * 4);
        BitConverter.GetBytes(Telethon.Tl.Types.TextEmpty.TlConstructorId).CopyTo(input, 40_000);
        var e = Assert.Throws<TlDecodeException>(() => ReadObject(input));
        Assert.Contains("nested deeper", e.Message);
        Assert.Throws<TlDecodeException>(() => TlJson.Decode(input));

        // Within the limit it reads.
        var shallow = new byte[bold.Length * 10 + 4];
        for (var i = 0; i < 10; i++)
            bold.CopyTo(shallow, i * 4);
        BitConverter.GetBytes(Telethon.Tl.Types.TextEmpty.TlConstructorId).CopyTo(shallow, 40);
        Assert.IsType<Telethon.Tl.Types.TextBold>(ReadObject(shallow));
    }

    [Fact]
    public void GzipPackedIsUnpackedTransparentlyWhereverAnObjectIsRead()
    {
        var packed = GzipPacked(Payload);
        var obj = ReadObject(packed);
        Assert.Equal(Payload, obj.ToBytes());
        var reader = new TlReader(packed);
        Assert.IsType<Telethon.Tl.Types.Messages.Messages>(Telethon.Tl.Abcs.Messages.Messages.ReadBoxed(ref reader));
        Assert.Equal(TlJson.Decode(Payload), TlJson.Decode(packed));
    }

    [Fact]
    public void GzipBombsAndCorruptGzipAreTypedErrors()
    {
        var bomb = GzipPacked(new byte[TlReader.MaxUnpackedSize + 4096]);
        Assert.True(bomb.Length < 100_000);
        var e = Assert.Throws<TlDecodeException>(() => ReadObject(bomb));
        Assert.Equal(TlReader.GzipPackedId, e.ConstructorId);

        var corrupt = GzipPacked(Payload);
        for (var i = 20; i < corrupt.Length - 8; i += 7)
            corrupt[i] ^= 0x5a;
        Assert.Throws<TlDecodeException>(() => ReadObject(corrupt));
    }

    [Fact]
    public void RandomAndMutatedInputOnlyEverFailsWithTheTypedError()
    {
        var random = new Random(1234);
        var buffer = new byte[256];
        for (var round = 0; round < 3000; round++)
        {
            byte[] input;
            if (round % 2 == 0)
            {
                random.NextBytes(buffer);
                input = buffer.AsSpan(0, random.Next(0, buffer.Length)).ToArray();
            }
            else
            {
                input = (byte[])Payload.Clone();
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                    input[random.Next(input.Length)] ^= (byte)random.Next(1, 256);
            }
            try
            {
                ReadObject(input);
            }
            catch (TlDecodeException)
            {
            }
            try
            {
                TlJson.Decode(input);
            }
            catch (TlDecodeException)
            {
            }
        }
    }

    [Fact]
    public void EncodingRejectsObjectsThatCannotBeSerialized()
    {
        // A required field left null.
        var message = new Telethon.Tl.Types.Message { PeerId = null!, MessageValue = "x" };
        var e = Assert.Throws<TlEncodeException>(() => message.ToBytes());
        Assert.Contains("peer_id", e.Message);

        // A field sharing its bit with a set one, and with no empty value in TL (an object), cannot be made up.
        var header = new Telethon.Tl.Types.MessageFwdHeader { Date = 1, SavedFromMsgId = 5 };
        Assert.Contains("saved_from_peer", Assert.Throws<TlEncodeException>(() => header.ToBytes()).Message);

        // user.bot (flags.14) and bot_info_version share a bit: the unset int travels as 0.
        var user = new Telethon.Tl.Types.User { Id = 1, Bot = true };
        var reader = new TlReader(user.ToBytes());
        var read = Assert.IsType<Telethon.Tl.Types.User>(TlRegistry.ReadObject(ref reader));
        Assert.True(read.Bot);
        Assert.Equal(0, read.BotInfoVersion);
    }

    private static TlObject ReadObject(ReadOnlySpan<byte> bytes)
    {
        var reader = new TlReader(bytes);
        return TlRegistry.ReadObject(ref reader);
    }

    private static byte[] GzipPacked(byte[] content)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
            gzip.Write(content);
        var writer = new TlWriter(64);
        writer.WriteUInt32(TlReader.GzipPackedId);
        writer.WriteBytes(compressed.ToArray());
        var result = writer.ToArray();
        writer.Dispose();
        return result;
    }

    private static byte[] BuildPayload()
    {
        var messages = new Telethon.Tl.Abcs.Message[3];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new Telethon.Tl.Types.Message
            {
                Id = i + 1,
                PeerId = new Telethon.Tl.Types.PeerUser { UserId = 42 },
                FromId = new Telethon.Tl.Types.PeerChannel { ChannelId = 7 },
                Date = 1_700_000_000,
                MessageValue = "hello, " + new string('x', i * 100),
                Entities = [new Telethon.Tl.Types.MessageEntityBold { Offset = 0, Length = 5 }],
                Views = 10,
            };
        }
        var users = new Telethon.Tl.Abcs.User[] { new Telethon.Tl.Types.User { Id = 42, FirstName = "A", Username = "a" } };
        return new Telethon.Tl.Types.Messages.Messages { MessagesValue = messages, Topics = [], Chats = [], Users = users }.ToBytes();
    }
}
