using System.Collections.Immutable;
using System.Runtime.Serialization;
using System.Text;

namespace Telethon.Session;

/// <summary>
/// The compact binary form of the session events and of <see cref="SessionData"/>: a format version byte,
/// then the fields (7-bit varints for ids, pts and DC numbers, 8 fixed bytes for salts and access hashes,
/// length-prefixed UTF-8 for usernames, raw bytes for keys). The manifest names the type. Shared by
/// <see cref="SessionSerializer"/> (journal and snapshot store) and <see cref="SqliteSession"/>.
/// </summary>
internal static class SessionBinaryFormat
{
    /// <summary>The version written in front of every payload.</summary>
    public const byte Version = 1;

    public const string AuthKeyCreatedManifest = "AK";
    public const string AuthKeyDroppedManifest = "AD";
    public const string HomeDcChangedManifest = "HD";
    public const string SignedInManifest = "SI";
    public const string SignedOutManifest = "SO";
    public const string UpdateStateAdvancedManifest = "US";
    public const string ChannelPtsAdvancedManifest = "CP";
    public const string PeerSeenManifest = "PS";
    public const string SessionDataManifest = "SD";

    private const int MaxKeyLength = 4096;
    private const int MaxCount = 10_000_000;

    public static string Manifest(object value) => value switch
    {
        AuthKeyCreated => AuthKeyCreatedManifest,
        AuthKeyDropped => AuthKeyDroppedManifest,
        HomeDcChanged => HomeDcChangedManifest,
        SignedIn => SignedInManifest,
        SignedOut => SignedOutManifest,
        UpdateStateAdvanced => UpdateStateAdvancedManifest,
        ChannelPtsAdvanced => ChannelPtsAdvancedManifest,
        PeerSeen => PeerSeenManifest,
        SessionData => SessionDataManifest,
        _ => throw new ArgumentException($"{value?.GetType().Name ?? "null"} is not a session event or SessionData.", nameof(value)),
    };

    public static byte[] Write(object value)
    {
        using var stream = new MemoryStream(64);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            switch (value)
            {
                case AuthKeyCreated e:
                    w.Write7BitEncodedInt(e.DcId);
                    w.Write(e.Temporary);
                    w.Write(e.Salt);
                    WriteKey(w, e.Key);
                    break;
                case AuthKeyDropped e:
                    w.Write7BitEncodedInt(e.DcId);
                    w.Write(e.Temporary);
                    break;
                case HomeDcChanged e:
                    w.Write7BitEncodedInt(e.DcId);
                    break;
                case SignedIn e:
                    w.Write7BitEncodedInt64(e.UserId);
                    w.Write(e.Bot);
                    w.Write7BitEncodedInt(e.DcId);
                    WriteString(w, e.Username);
                    break;
                case SignedOut:
                    break;
                case UpdateStateAdvanced e:
                    w.Write7BitEncodedInt(e.Pts);
                    w.Write7BitEncodedInt(e.Qts);
                    w.Write7BitEncodedInt(e.Date);
                    w.Write7BitEncodedInt(e.Seq);
                    break;
                case ChannelPtsAdvanced e:
                    w.Write7BitEncodedInt64(e.ChannelId);
                    w.Write7BitEncodedInt(e.Pts);
                    break;
                case PeerSeen e:
                    WritePeer(w, e.Id, e.Kind, e.AccessHash, e.Username);
                    break;
                case SessionData d:
                    WriteSession(w, d);
                    break;
                default:
                    throw new ArgumentException($"{value?.GetType().Name ?? "null"} is not a session event or SessionData.", nameof(value));
            }
        }
        return stream.ToArray();
    }

    public static object Read(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var version = r.ReadByte();
            if (version != Version)
                throw new SerializationException($"Session payload version {version} is not supported (this build reads version {Version}).");
            object value = manifest switch
            {
                AuthKeyCreatedManifest => ReadAuthKeyCreated(r),
                AuthKeyDroppedManifest => new AuthKeyDropped(r.Read7BitEncodedInt(), r.ReadBoolean()),
                HomeDcChangedManifest => new HomeDcChanged(r.Read7BitEncodedInt()),
                SignedInManifest => new SignedIn(r.Read7BitEncodedInt64(), r.ReadBoolean(), r.Read7BitEncodedInt(), ReadString(r)),
                SignedOutManifest => SignedOut.Instance,
                UpdateStateAdvancedManifest => new UpdateStateAdvanced(r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt()),
                ChannelPtsAdvancedManifest => new ChannelPtsAdvanced(r.Read7BitEncodedInt64(), r.Read7BitEncodedInt()),
                PeerSeenManifest => ReadPeerSeen(r),
                SessionDataManifest => ReadSession(r),
                _ => throw new SerializationException($"Unknown session manifest '{manifest}'."),
            };
            if (stream.Position != stream.Length)
                throw new SerializationException($"Session payload '{manifest}' has {stream.Length - stream.Position} trailing bytes.");
            return value;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw new SerializationException($"Session payload '{manifest}' is malformed: {ex.Message}", ex);
        }
    }

    private static void WriteSession(BinaryWriter w, SessionData d)
    {
        WriteOptionalInt(w, d.HomeDcId);
        w.Write7BitEncodedInt(d.AuthKeys.Count);
        foreach (var key in d.AuthKeys)
        {
            w.Write7BitEncodedInt(key.DcId);
            w.Write(key.Temporary);
            w.Write(key.Salt);
            WriteKey(w, key.Key);
        }
        w.Write(d.User is not null);
        if (d.User is { } user)
        {
            w.Write7BitEncodedInt64(user.Id);
            w.Write(user.Bot);
            w.Write7BitEncodedInt(user.DcId);
            WriteString(w, user.Username);
        }
        w.Write(d.UpdateState is not null);
        if (d.UpdateState is { } state)
        {
            w.Write7BitEncodedInt(state.Pts);
            w.Write7BitEncodedInt(state.Qts);
            w.Write7BitEncodedInt(state.Date);
            w.Write7BitEncodedInt(state.Seq);
        }
        w.Write7BitEncodedInt(d.ChannelPts.Count);
        foreach (var (channel, pts) in d.ChannelPts.OrderBy(p => p.Key))
        {
            w.Write7BitEncodedInt64(channel);
            w.Write7BitEncodedInt(pts);
        }
        w.Write7BitEncodedInt(d.Peers.Count);
        foreach (var peer in d.Peers.Values.OrderBy(p => p.Kind).ThenBy(p => p.Id))
            WritePeer(w, peer.Id, peer.Kind, peer.AccessHash, peer.Username);
    }

    private static SessionData ReadSession(BinaryReader r)
    {
        var home = ReadOptionalInt(r);
        var keyCount = ReadCount(r);
        var keys = ImmutableList.CreateBuilder<DcAuthKey>();
        for (var i = 0; i < keyCount; i++)
        {
            var dc = r.Read7BitEncodedInt();
            var temporary = r.ReadBoolean();
            var salt = r.ReadInt64();
            keys.Add(new DcAuthKey(dc, ReadKey(r), salt, temporary));
        }
        SessionUser? user = null;
        if (r.ReadBoolean())
            user = new SessionUser(r.Read7BitEncodedInt64(), r.ReadBoolean(), r.Read7BitEncodedInt(), ReadString(r));
        UpdateState? state = null;
        if (r.ReadBoolean())
            state = new UpdateState(r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        var channelCount = ReadCount(r);
        var channels = ImmutableDictionary.CreateBuilder<long, int>();
        for (var i = 0; i < channelCount; i++)
            channels[r.Read7BitEncodedInt64()] = r.Read7BitEncodedInt();
        var peerCount = ReadCount(r);
        var peers = ImmutableDictionary.CreateBuilder<(PeerKind Kind, long Id), PeerInfo>();
        for (var i = 0; i < peerCount; i++)
        {
            var seen = ReadPeerSeen(r);
            peers[(seen.Kind, seen.Id)] = new PeerInfo(seen.Id, seen.Kind, seen.AccessHash, seen.Username);
        }
        return new SessionData
        {
            HomeDcId = home,
            AuthKeys = keys.ToImmutable(),
            User = user,
            UpdateState = state,
            ChannelPts = channels.ToImmutable(),
            Peers = peers.ToImmutable(),
        };
    }

    private static AuthKeyCreated ReadAuthKeyCreated(BinaryReader r)
    {
        var dc = r.Read7BitEncodedInt();
        var temporary = r.ReadBoolean();
        var salt = r.ReadInt64();
        return new AuthKeyCreated(dc, ReadKey(r), salt, temporary);
    }

    private static void WritePeer(BinaryWriter w, long id, PeerKind kind, long accessHash, string? username)
    {
        w.Write((byte)kind);
        w.Write7BitEncodedInt64(id);
        w.Write(accessHash);
        WriteString(w, username);
    }

    private static PeerSeen ReadPeerSeen(BinaryReader r)
    {
        var kind = (PeerKind)r.ReadByte();
        if (kind is not (PeerKind.User or PeerKind.Chat or PeerKind.Channel))
            throw new SerializationException($"Unknown peer kind {(byte)kind}.");
        return new PeerSeen(r.Read7BitEncodedInt64(), kind, r.ReadInt64(), ReadString(r));
    }

    private static void WriteKey(BinaryWriter w, ImmutableArray<byte> key)
    {
        var span = key.IsDefault ? ReadOnlySpan<byte>.Empty : key.AsSpan();
        w.Write7BitEncodedInt(span.Length);
        w.Write(span);
    }

    private static ImmutableArray<byte> ReadKey(BinaryReader r)
    {
        var length = r.Read7BitEncodedInt();
        if (length is < 0 or > MaxKeyLength)
            throw new SerializationException($"Auth key length {length} is out of range.");
        var bytes = r.ReadBytes(length);
        if (bytes.Length != length)
            throw new EndOfStreamException("The auth key is truncated.");
        return ImmutableArray.Create(bytes);
    }

    private static void WriteString(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    private static string? ReadString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteOptionalInt(BinaryWriter w, int? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
            w.Write7BitEncodedInt(v);
    }

    private static int? ReadOptionalInt(BinaryReader r) => r.ReadBoolean() ? r.Read7BitEncodedInt() : null;

    private static int ReadCount(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count is < 0 or > MaxCount)
            throw new SerializationException($"Count {count} is out of range.");
        return count;
    }
}
