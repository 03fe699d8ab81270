using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

public sealed class SessionDataTests
{
    [Fact]
    public void Auth_keys_are_kept_per_dc_and_kind_and_replaced_in_place()
    {
        var data = SessionData.Empty
            .Apply(new AuthKeyCreated(4, Key(1), 10))
            .Apply(new AuthKeyCreated(2, Key(2), 20, Temporary: true))
            .Apply(new AuthKeyCreated(2, Key(3), 30))
            .Apply(new AuthKeyCreated(4, Key(4), 40));

        Assert.Equal([(2, false), (2, true), (4, false)], data.AuthKeys.Select(k => (k.DcId, k.Temporary)));
        Assert.Equal(new DcAuthKey(4, Key(4), 40), data.GetAuthKey(4));
        Assert.Equal(new DcAuthKey(2, Key(2), 20, true), data.GetAuthKey(2, temporary: true));
        Assert.Null(data.GetAuthKey(4, temporary: true));
        Assert.Equal(Key(3).ToArray(), data.GetAuthKey(2)!.ToAuthKey().Data.ToArray());
    }

    [Fact]
    public void Dropping_a_temporary_key_keeps_the_permanent_one_and_dropping_the_permanent_key_drops_both()
    {
        var data = SessionData.Empty
            .Apply(new AuthKeyCreated(2, Key(1), 1))
            .Apply(new AuthKeyCreated(2, Key(2), 2, true))
            .Apply(new AuthKeyCreated(3, Key(3), 3));

        var temporaryGone = data.Apply(new AuthKeyDropped(2, Temporary: true));
        Assert.NotNull(temporaryGone.GetAuthKey(2));
        Assert.Null(temporaryGone.GetAuthKey(2, true));

        var bothGone = data.Apply(new AuthKeyDropped(2));
        Assert.Equal([3], bothGone.AuthKeys.Select(k => k.DcId));
    }

    [Fact]
    public void Sign_in_sets_the_home_dc_and_a_migration_moves_the_user_with_it()
    {
        var data = SessionData.Empty.Apply(new HomeDcChanged(1)).Apply(new SignedIn(5, true, 2, "bot"));
        Assert.Equal(2, data.HomeDcId);
        Assert.Equal(new SessionUser(5, true, 2, "bot"), data.User);
        Assert.True(data.IsSignedIn);

        var moved = data.Apply(new HomeDcChanged(4));
        Assert.Equal(4, moved.HomeDcId);
        Assert.Equal(4, moved.User!.DcId);
    }

    [Fact]
    public void Sign_out_forgets_the_account_data_but_keeps_the_keys_and_home_dc()
    {
        var data = SessionData.Empty
            .Apply(new AuthKeyCreated(2, Key(1), 1))
            .Apply(new SignedIn(5, false, 2))
            .Apply(new UpdateStateAdvanced(1, 2, 3, 4))
            .Apply(new ChannelPtsAdvanced(10, 11))
            .Apply(new PeerSeen(6, PeerKind.User, 66));

        var after = data.Apply(SignedOut.Instance);

        Assert.False(after.IsSignedIn);
        Assert.Null(after.UpdateState);
        Assert.Empty(after.ChannelPts);
        Assert.Empty(after.Peers);
        Assert.Equal(2, after.HomeDcId);
        Assert.Equal(data.AuthKeys, after.AuthKeys);
    }

    [Fact]
    public void Update_state_channel_pts_and_peers_take_the_latest_values()
    {
        var data = SessionData.Empty
            .Apply(new UpdateStateAdvanced(1, 2, 3, 4))
            .Apply(new UpdateStateAdvanced(5, 6, 7, 8))
            .Apply(new ChannelPtsAdvanced(10, 1))
            .Apply(new ChannelPtsAdvanced(10, 9))
            .Apply(new PeerSeen(3, PeerKind.User, 30, "old"))
            .Apply(new PeerSeen(3, PeerKind.Channel, 31))
            .Apply(new PeerSeen(3, PeerKind.User, 32));

        Assert.Equal(new UpdateState(5, 6, 7, 8), data.UpdateState);
        Assert.Equal(9, data.ChannelPts[10]);
        Assert.Equal(new PeerInfo(3, PeerKind.User, 32), data.GetPeer(PeerKind.User, 3));
        Assert.Equal(new PeerInfo(3, PeerKind.Channel, 31), data.GetPeer(PeerKind.Channel, 3));
        Assert.Null(data.GetPeer(PeerKind.Chat, 3));
    }

    [Fact]
    public void The_message_box_state_converts_both_ways()
    {
        Assert.Null(SessionData.Empty.ToMessageBoxState());

        var box = new MessageBoxState(100, 20, 1_700_000_000, 7, new Dictionary<long, int> { [5] = 50, [6] = 60 });
        var data = SessionData.Empty.WithMessageBoxState(box);
        var back = data.ToMessageBoxState()!;

        Assert.Equal((100, 20, 1_700_000_000, 7), (back.Pts, back.Qts, back.Date, back.Seq));
        Assert.Equal(box.ChannelPts.OrderBy(p => p.Key), back.ChannelPts.OrderBy(p => p.Key));
    }

    [Fact]
    public void Equality_compares_contents_and_apply_is_pure()
    {
        var a = SessionData.Empty.Apply(new AuthKeyCreated(2, Key(1), 1)).Apply(new PeerSeen(1, PeerKind.User, 2));
        var b = SessionData.Empty.Apply(new PeerSeen(1, PeerKind.User, 2)).Apply(new AuthKeyCreated(2, Key(1), 1));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.Apply(new AuthKeyCreated(2, Key(9), 1)));

        _ = a.Apply(SignedOut.Instance).Apply(new AuthKeyDropped(2));
        Assert.Equal(SessionData.Empty.Apply(new AuthKeyCreated(2, Key(1), 1)).Apply(new PeerSeen(1, PeerKind.User, 2)), a);
        Assert.Empty(SessionData.Empty.AuthKeys);
    }

    [Fact]
    public void Auth_keys_never_appear_in_text()
    {
        var key = Key(42);
        var hex = Convert.ToHexString(key.AsSpan());
        var base64 = Convert.ToBase64String(key.AsSpan());
        var data = SessionData.Empty.Apply(new AuthKeyCreated(2, key, 5, true)).Apply(new SignedIn(1, false, 2));
        string[] texts =
        [
            data.ToString(), data.AuthKeys[0].ToString(), new AuthKeyCreated(2, key, 5).ToString(),
            new SaveAuthKey(2, key, 5).ToString(), $"{data}", string.Join(",", data.AuthKeys),
        ];

        foreach (var text in texts)
        {
            Assert.DoesNotContain(hex[..16], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(base64[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(key[0].ToString(System.Globalization.CultureInfo.InvariantCulture) + ", ", text, StringComparison.Ordinal);
        }
        Assert.Contains("redacted 256 bytes", new AuthKeyCreated(2, key, 5).ToString(), StringComparison.Ordinal);
        Assert.Contains("dc2 (temporary)", data.ToString(), StringComparison.Ordinal);
    }
}
