using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telethon.Mtproto;

namespace Telethon.Tests.Mtproto;

public sealed class MtprotoIdAndFramingTests
{
    private static readonly DateTimeOffset Time = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ClientMsgIdsAreStrictlyIncreasingAndDivisibleByFourUnderAFrozenClock()
    {
        var ids = new MessageIdGenerator(new FakeTimeProvider(Time));
        var previous = 0L;
        for (var i = 0; i < 2000; i++)
        {
            var id = ids.NextClientId();
            Assert.Equal(0, id % 4);
            Assert.True(id > previous);
            Assert.Equal(Time.ToUnixTimeSeconds(), id >> 32);
            previous = id;
        }
    }

    [Fact]
    public void ServerMsgIdsAreOneModFourForResponsesAndThreeOtherwiseAndStillIncrease()
    {
        var ids = new MessageIdGenerator(new FakeTimeProvider(Time));
        var previous = 0L;
        for (var i = 0; i < 100; i++)
        {
            var response = i % 3 != 0;
            var id = ids.NextServerId(response);
            Assert.Equal(response ? 1 : 3, id % 4);
            Assert.True(id > previous);
            previous = id;
        }
    }

    [Fact]
    public void MsgIdFollowsTheClockAndItsLearnedOffset()
    {
        var clock = new FakeTimeProvider(Time);
        var ids = new MessageIdGenerator(clock);
        var first = ids.NextClientId();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal((first >> 32) + 10, ids.NextClientId() >> 32);

        var serverId = MessageIdGenerator.FromTime(Time.AddHours(-1)) | 1;
        ids.SynchronizeWith(serverId);
        Assert.Equal(TimeSpan.FromSeconds(-3610), ids.ClockOffset);
        var corrected = ids.NextClientId();
        Assert.Equal(serverId >> 32, corrected >> 32);
        Assert.Equal(0, corrected % 4);
        Assert.Equal(Time.AddHours(-1), MessageIdGenerator.ToTime(corrected));
    }

    [SkippableFact]
    public void MsgIdOfTheGotdVectorTime()
    {
        using var doc = Support.SharedData.Json("vectors/mtp_messages.json");
        var v = doc.RootElement.GetProperty("msg_id").GetProperty("gotd_vector");
        var time = DateTimeOffset.Parse(v.GetProperty("time_utc").GetString()!, CultureInfo.InvariantCulture);
        var expected = long.Parse(v.GetProperty("expected_hex").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(expected, MessageIdGenerator.FromTime(time));
        Assert.Equal(expected, new MessageIdGenerator(new FakeTimeProvider(time)).NextClientId());
    }

    [SkippableFact]
    public void SpecSampleMsgIdsCarryTheirTimeAndSenderParity()
    {
        using var doc = Support.SharedData.Json("vectors/mtp_messages.json");
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("msg_id").GetProperty("spec_sample_msg_ids_wire").EnumerateArray())
        {
            var id = BinaryPrimitives.ReadInt64LittleEndian(Convert.FromHexString(v.GetProperty("wire_le").GetString()!));
            Assert.Equal(long.Parse(v.GetProperty("int64").GetString()!, CultureInfo.InvariantCulture), id);
            var unixTime = v.GetProperty("unixtime").GetInt64();
            Assert.Equal(unixTime, MessageIdGenerator.ToTime(id).ToUnixTimeSeconds());
            Assert.Equal(v.GetProperty("mod4").GetInt32(), (int)(id % 4));
            var fromClient = v.GetProperty("message").GetString()!.EndsWith("(client)", StringComparison.Ordinal);
            var ours = new MessageIdGenerator(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixTime)));
            var generated = fromClient ? ours.NextClientId() : ours.NextServerId(isResponse: true);
            Assert.Equal(id >> 32, generated >> 32);
            Assert.Equal(id % 4, generated % 4);
            count++;
        }
        Assert.Equal(6, count);
    }

    [Fact]
    public void SeqNoIsOddAndIncrementingForContentAndEvenOtherwise()
    {
        var seq = new SequenceNumberGenerator();
        Assert.Equal(0, seq.Next(false));
        Assert.Equal(1, seq.Next(true));
        Assert.Equal(3, seq.Next(true));
        Assert.Equal(4, seq.Next(false));
        Assert.Equal(4, seq.Next(false));
        Assert.Equal(5, seq.Next(true));
        seq.Reset();
        Assert.Equal(1, seq.Next(true));
    }

    [SkippableFact]
    public void PlainMessageOfTheVectorBodyIsTwentyFourBytesAndDecodesBack()
    {
        using var doc = Support.SharedData.Json("vectors/mtp_messages.json");
        var layout = doc.RootElement.GetProperty("plain_message").GetProperty("expect").GetString()!;
        Assert.Contains("24 bytes", layout, StringComparison.Ordinal);
        var body = Encoding.ASCII.GetBytes("Hey!");
        var msgId = MessageIdGenerator.FromTime(Time);

        var message = PlainMessage.Encode(msgId, body);

        Assert.Equal(24, message.Length);
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(message));
        Assert.Equal(msgId, BinaryPrimitives.ReadInt64LittleEndian(message.AsSpan(8)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(message.AsSpan(16)));
        Assert.Equal(msgId, PlainMessage.Decode(message, out var decoded));
        Assert.Equal(body, decoded.ToArray());
    }

    [Fact]
    public void PlainMessageWithMsgIdZeroIsAccepted()
    {
        var message = PlainMessage.Encode(0, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(0, PlainMessage.Decode(message, out var body));
        Assert.Equal(8, body.Length);
    }

    [Fact]
    public void PlainMessageToleratesTransportPaddingButNotMore()
    {
        var message = PlainMessage.Encode(4, [1, 2, 3, 4]);
        var padded = message.Concat(new byte[15]).ToArray();
        Assert.Equal(4, PlainMessage.Decode(padded, out var body));
        Assert.Equal(4, body.Length);
        var tooMuch = message.Concat(new byte[16]).ToArray();
        Assert.Equal(MtprotoErrorReason.Malformed, Assert.Throws<MtprotoException>(() => PlainMessage.Decode(tooMuch, out _)).Reason);
    }

    [Fact]
    public void PlainMessageWithAnAuthKeyIdOrCutShortIsRefused()
    {
        var message = PlainMessage.Encode(4, [1, 2, 3, 4]);
        var keyed = (byte[])message.Clone();
        keyed[0] = 1;
        Assert.Equal(MtprotoErrorReason.WrongAuthKeyId, Assert.Throws<MtprotoException>(() => PlainMessage.Decode(keyed, out _)).Reason);
        Assert.Equal(MtprotoErrorReason.Truncated, Assert.Throws<MtprotoException>(() => PlainMessage.Decode(message.AsSpan(0, 12), out _)).Reason);
        Assert.Equal(MtprotoErrorReason.Truncated, Assert.Throws<MtprotoException>(() => PlainMessage.Decode(message.AsSpan(0, 22), out _)).Reason);
        Assert.Equal(MtprotoErrorReason.Truncated, Assert.Throws<MtprotoException>(() => PlainMessage.Decode(message.AsSpan(0, 4), out _)).Reason);
    }
}
