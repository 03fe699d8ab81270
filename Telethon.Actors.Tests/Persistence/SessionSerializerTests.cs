using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Serialization;
using Telethon.Hosting;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

public sealed class SessionSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    public SessionSerializerTests()
        : base(Quiet(TelethonPersistence.InMemory()), nameof(SessionSerializerTests))
    {
    }

    public static TheoryData<string, object> Payloads()
    {
        var full = SessionData.Empty
            .Apply(new HomeDcChanged(2))
            .Apply(new AuthKeyCreated(2, Key(1), long.MinValue))
            .Apply(new AuthKeyCreated(2, Key(2), -1, true))
            .Apply(new AuthKeyCreated(5, Key(3), 0))
            .Apply(new SignedIn(long.MaxValue, true, 2, "ünï_bot"))
            .Apply(new UpdateStateAdvanced(int.MaxValue, 0, 1_700_000_000, -1))
            .Apply(new ChannelPtsAdvanced(1_234_567_890_123, 77))
            .Apply(new ChannelPtsAdvanced(-1, int.MinValue))
            .Apply(new PeerSeen(1, PeerKind.User, long.MaxValue, "a"))
            .Apply(new PeerSeen(1, PeerKind.Chat, 0))
            .Apply(new PeerSeen(1, PeerKind.Channel, -5, ""));
        return new TheoryData<string, object>
        {
            { "AuthKeyCreated", new AuthKeyCreated(2, Key(7), 123_456_789_012) },
            { "AuthKeyCreated temporary", new AuthKeyCreated(int.MaxValue, Key(8), -1, Temporary: true) },
            { "AuthKeyCreated empty key", new AuthKeyCreated(1, ImmutableArray<byte>.Empty, 0) },
            { "AuthKeyDropped", new AuthKeyDropped(4) },
            { "AuthKeyDropped temporary", new AuthKeyDropped(4, Temporary: true) },
            { "HomeDcChanged", new HomeDcChanged(5) },
            { "SignedIn", new SignedIn(123, false, 2, "alice") },
            { "SignedIn without username", new SignedIn(long.MaxValue, true, 1) },
            { "SignedOut", SignedOut.Instance },
            { "UpdateStateAdvanced", new UpdateStateAdvanced(100, 20, 1_700_000_000, 7) },
            { "UpdateStateAdvanced negative", new UpdateStateAdvanced(-1, int.MinValue, 0, int.MaxValue) },
            { "ChannelPtsAdvanced", new ChannelPtsAdvanced(1_000_000_000_001, 55) },
            { "PeerSeen", new PeerSeen(9, PeerKind.Channel, -7, "news") },
            { "PeerSeen without username", new PeerSeen(-9, PeerKind.Chat, 0) },
            { "SessionData empty", SessionData.Empty },
            { "SessionData full", full },
        };
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Every_event_and_the_snapshot_round_trip_through_the_session_serializer(string name, object payload)
    {
        var serializer = Sys.Serialization.FindSerializerFor(payload);

        Assert.IsType<SessionSerializer>(serializer);
        Assert.Equal(SessionSerializer.SerializerId, serializer.Identifier);
        var manifest = Serialization.ManifestFor(serializer, payload);
        Assert.False(string.IsNullOrEmpty(manifest), name);
        var bytes = serializer.ToBinary(payload);
        Assert.Equal(SessionBinaryFormat.Version, bytes[0]);

        var back = Sys.Serialization.Deserialize(bytes, SessionSerializer.SerializerId, manifest);

        Assert.Equal(payload.GetType(), back.GetType());
        Assert.Equal(payload, back);
    }

    [Fact]
    public void The_serializer_is_found_by_its_id_and_the_payloads_are_compact()
    {
        Assert.IsType<SessionSerializer>(Sys.Serialization.FindSerializerForType(typeof(SessionData)));
        Assert.IsType<SessionSerializer>(Sys.Serialization.FindSerializerForType(typeof(SignedOut)));
        var serializer = Sys.Serialization.FindSerializerFor(new UpdateStateAdvanced(1, 1, 1, 1));

        Assert.True(serializer.ToBinary(new UpdateStateAdvanced(100_000, 500, 1_700_000_000, 3000)).Length <= 16);
        Assert.True(serializer.ToBinary(new ChannelPtsAdvanced(1_000_000_000_001, 100_000)).Length <= 12);
        Assert.Equal(1 + 1 + 1 + 8 + 2 + 256, serializer.ToBinary(new AuthKeyCreated(2, Key(1), 5)).Length);
    }

    [Fact]
    public void Another_version_truncated_or_trailing_bytes_and_unknown_manifests_are_refused()
    {
        var serializer = (SessionSerializer)Sys.Serialization.FindSerializerForType(typeof(ISessionEvent));
        var bytes = serializer.ToBinary(new SignedIn(5, false, 2, "someone"));

        var newer = (byte[])bytes.Clone();
        newer[0] = 2;
        Assert.Contains("version 2", Assert.Throws<SerializationException>(() => serializer.FromBinary(newer, "SI")).Message, StringComparison.Ordinal);
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..^3], "SI"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([.. bytes, 0], "SI"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes, "ZZ"));
        Assert.Throws<SerializationException>(() => serializer.FromBinary([1, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "PS"));
        Assert.Throws<ArgumentException>(() => serializer.ToBinary("not a session event"));
    }
}
