using Telethon.Model;
using Telethon.Updates;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Events;

public sealed class EntityCacheTests
{
    [Fact]
    public void Remember_reports_new_and_changed_peers_only()
    {
        var cache = new EntityCache();
        var first = cache.Remember([Tg.User(7, "Ann", "ann")], [Tg.Channel(555, "Devs"), Tg.BasicGroup(300, "Friends")]);
        Assert.Equal(3, first.Count);
        Assert.Empty(cache.Remember([Tg.User(7, "Ann", "ann")], [Tg.Channel(555, "Devs")]));

        var renamed = Assert.Single(cache.Remember([Tg.User(7, "Anna", "ann")], []));
        Assert.Equal("Anna", renamed.Name);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Min_entities_never_replace_full_ones()
    {
        var cache = new EntityCache();
        cache.Remember([Tg.User(7, "Ann", accessHash: 42)], [Tg.Channel(555, "Devs", accessHash: 999)]);

        Assert.Empty(cache.Remember([Tg.User(7, "Ann", accessHash: 1, min: true)], [Tg.Channel(555, "Devs", accessHash: 1, min: true)]));
        Assert.Equal(42, cache.GetUser(7)!.AccessHash);
        Assert.Equal(999, cache.GetInputChannel(555)!.AccessHash);
    }

    [Fact]
    public void Input_channel_needs_a_full_access_hash()
    {
        var cache = new EntityCache();
        cache.Remember([], [Tg.Channel(555, "Min", accessHash: 5, min: true), Tg.Channel(556, "None", accessHash: null)]);
        Assert.Null(cache.GetInputChannel(555));
        Assert.Null(cache.GetInputChannel(556));
        Assert.Null(cache.GetInputChannel(557));

        Assert.True(cache.Remember(new Channel { Id = 557, AccessHash = 8, Name = "Persisted" }));
        var input = cache.GetInputChannel(557)!;
        Assert.Equal((557L, 8L), (input.ChannelId, input.AccessHash));
    }

    [Fact]
    public void Resolve_gives_known_peers_or_placeholders()
    {
        var cache = new EntityCache();
        cache.Remember([Tg.User(7, "Ann")], []);
        Assert.Equal("Ann", cache.Resolve(Tg.UserPeer(7)).Name);
        var unknown = cache.Resolve(Tg.ChatPeer(301));
        Assert.Equal((301L, ChatKind.Group, ""), (unknown.Id, unknown.Kind, unknown.Name));
        Assert.IsType<TlTypes.PeerChat>(unknown.ToTlPeer());
    }
}
