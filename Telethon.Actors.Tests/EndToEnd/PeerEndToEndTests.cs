using Telethon.Model;
using Telethon.Tests.Support;

namespace Telethon.Tests.EndToEnd;

/// <summary>Resolving usernames, phones and references, end to end against the test server.</summary>
public sealed class PeerEndToEndTests
{
    [Fact]
    public async Task UsernamesAndPhonesResolveToPeersWithTheirReferences()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();

        var bob = Assert.IsType<User>(await alice.ResolveUsernameAsync("@bobby"));
        Assert.Equal("Bob", bob.FirstName);
        Assert.NotNull(bob.AccessHash);
        Assert.Equal(bob, await alice.ResolveUsernameAsync("bobby"));

        // Bob is Alice's contact: Telegram shows her his phone and resolves it.
        var byPhone = Assert.IsType<User>(await alice.ResolvePhoneAsync("+999 662 2222"));
        Assert.Equal(bob.Id, byPhone.Id);
        Assert.Equal("9996622222", byPhone.Phone);

        var channel = Assert.IsType<Channel>(await alice.ResolveUsernameAsync("@news_channel"));
        Assert.Equal("News", channel.Name);
        Assert.IsType<ChannelRef>(channel.Ref);

        var missing = await Assert.ThrowsAsync<RpcError>(() => alice.ResolveUsernameAsync("@nobody_here"));
        Assert.Equal("USERNAME_NOT_OCCUPIED", missing.Name);
        Assert.Equal(400, missing.Code);
    }

    [Fact]
    public async Task GetMeHasThePhoneAndMeIsTheSignedInUser()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var me = await alice.GetMeAsync();
        Assert.NotNull(me);
        Assert.True(me.IsSelf);
        Assert.Equal("9996621111", me.Phone);
        Assert.Equal(me.Id, (await alice.RefOfAsync("me", CancellationToken.None)).Identifier);
    }

    [Fact]
    public async Task AReferenceWithoutAuthorizationIsCompletedFromTheSession()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await alice.ResolveUsernameAsync("@bobby");

        // The session has the peers of a result before its caller hears back: a bare reference gets Bob's hash at once.
        var bare = new UserRef(bob.Id);
        Assert.Equal(bob.AccessHash, (await alice.RefOfAsync(bare, CancellationToken.None)).Authorization);
        // A known username is answered from the session without asking Telegram.
        Assert.Equal(bob.Ref, await alice.RefOfAsync("@BOBBY", CancellationToken.None));
    }

    [Fact]
    public async Task ResolvePeersFetchesUsersInTheOrderGiven()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await alice.ResolveUsernameAsync("@bobby");
        var bot = await alice.ResolveUsernameAsync("@echo_bot");

        // A peer, its reference's string form and "me", in one call.
        var peers = await alice.ResolvePeersAsync([bot, bob.Ref.ToString(), "me"]);
        Assert.Equal([bot.Id, bob.Id], peers.Take(2).Select(p => p.Id));
        Assert.True(Assert.IsType<User>(peers[2]).IsSelf);
        Assert.True(Assert.IsType<User>(peers[0]).IsBot);
    }
}
