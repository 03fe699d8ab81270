using Telethon.Model;

namespace Telethon.Tests.PeerRefs;

public sealed class PeerRefTests
{
    [Theory]
    [InlineData("u.123.456", typeof(UserRef), 123L, 456L)]
    [InlineData("u.7", typeof(UserRef), 7L, null)]
    [InlineData("u.9.-42", typeof(UserRef), 9L, -42L)]
    [InlineData("g.55", typeof(GroupRef), 55L, null)]
    [InlineData("c.1000000001.-9223372036854775808", typeof(ChannelRef), 1000000001L, long.MinValue)]
    public void A_reference_reads_its_string_form(string text, Type type, long id, long? hash)
    {
        var peer = PeerRef.Parse(text);
        Assert.IsType(type, peer);
        Assert.Equal(id, peer.Identifier);
        Assert.Equal(hash, peer.Authorization);
        Assert.Equal(text, peer.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("u.")]
    [InlineData("x.12.3")]
    [InlineData("u.0.1")]
    [InlineData("u.-5.1")]
    [InlineData("u.12.")]
    [InlineData("u.12.3.4")]
    [InlineData("g.12.3")]
    [InlineData("u12.3")]
    [InlineData("u.1 2")]
    [InlineData("u.99999999999999999999")]
    public void Anything_else_is_not_a_reference(string text)
    {
        Assert.False(PeerRef.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PeerRef.Parse(text));
    }

    [Fact]
    public void Every_reference_round_trips_through_its_string()
    {
        // A property over many random references of every kind, with and without authorization (seeded: reproducible).
        var random = new Random(20261207);
        for (var i = 0; i < 20_000; i++)
        {
            var id = random.NextInt64(1, long.MaxValue);
            long? hash = random.Next(4) == 0 ? null : random.NextInt64(long.MinValue, long.MaxValue);
            PeerRef peer = (i % 3) switch
            {
                0 => new UserRef(id, hash),
                1 => new GroupRef(id),
                _ => new ChannelRef(id, hash),
            };
            var back = PeerRef.Parse(peer.ToString());
            Assert.Equal(peer, back);
            Assert.Equal(peer.GetHashCode(), back.GetHashCode());
        }
    }

    [Fact]
    public void References_of_different_kinds_with_the_same_id_differ()
    {
        Assert.NotEqual<PeerRef>(new UserRef(5, 1), new ChannelRef(5, 1));
        Assert.NotEqual<PeerRef>(new UserRef(5, 1), new UserRef(5, 2));
        Assert.Equal<PeerRef>(new UserRef(5, 1), new UserRef(5, 1));
    }

    [Fact]
    public void A_peer_gives_the_reference_of_its_kind()
    {
        Assert.Equal(new UserRef(1, 2), new User { Id = 1, AccessHash = 2 }.Ref);
        Assert.Equal(new GroupRef(3), new Group { Id = 3 }.Ref);
        Assert.Equal(new ChannelRef(4, 5), new Group { Id = 4, AccessHash = 5, IsMegagroup = true }.Ref);
        Assert.Equal(new ChannelRef(6, 7), new Channel { Id = 6, AccessHash = 7 }.Ref);
    }

    [Fact]
    public void References_become_the_input_peers_requests_take()
    {
        var user = Assert.IsType<Telethon.Tl.Types.InputPeerUser>(new UserRef(1, 2).ToInputPeer());
        Assert.Equal((1L, 2L), (user.UserId, user.AccessHash));
        Assert.Equal(3, Assert.IsType<Telethon.Tl.Types.InputPeerChat>(new GroupRef(3).ToInputPeer()).ChatId);
        var channel = Assert.IsType<Telethon.Tl.Types.InputPeerChannel>(new ChannelRef(4).ToInputPeer());
        Assert.Equal((4L, 0L), (channel.ChannelId, channel.AccessHash));
    }

    [Fact]
    public void A_non_positive_identifier_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UserRef(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupRef(-1));
    }

    [Theory]
    [InlineData("me", null, null)]
    [InlineData("ME", null, null)]
    [InlineData("@durov", "durov", null)]
    [InlineData("durov_bot", "durov_bot", null)]
    [InlineData("+1 23 456", null, "123456")]
    [InlineData("+44 (20) 7946-0000", null, "442079460000")]
    public void A_string_names_the_account_a_username_or_a_phone(string text, string? username, string? phone)
    {
        PeerLike peer = text;
        Assert.Equal(text, peer.Text);
        Assert.Null(peer.Reference);
        Assert.Equal(username, PeerLike.UsernameOf(text));
        Assert.Equal(phone, PeerLike.PhoneOf(text));
    }

    [Fact]
    public void A_string_that_is_a_reference_is_read_as_one()
    {
        PeerLike peer = "c.77.88";
        Assert.Equal(new ChannelRef(77, 88), peer.Reference);
        Assert.Null(peer.Text);
    }

    [Fact]
    public void A_hostile_length_is_refused_without_harm()
    {
        var huge = "+" + new string('1', 5_000_000);
        Assert.Null(PeerLike.PhoneOf(huge));
        Assert.Throws<ArgumentException>(() => PeerLike.FromString(huge));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@ab")]
    [InlineData("@1abc")]
    [InlineData("+12")]
    [InlineData("+12a456")]
    [InlineData("hello world")]
    public void Other_strings_are_refused_when_given(string text) =>
        Assert.Throws<ArgumentException>(() => PeerLike.FromString(text));
}
