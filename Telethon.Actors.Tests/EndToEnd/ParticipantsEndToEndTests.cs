using Telethon.Admin;
using Telethon.Model;
using Fn = Telethon.Tl.Functions;

namespace Telethon.Tests.EndToEnd;

/// <summary>
/// Participants, administrator rights, restrictions, default restrictions and the admin log, end to end against the test
/// server (the sample world: "Group M" is a supergroup of Alice (creator), Carol (admin) and the echo bot; "Group S" a small
/// group of Alice (creator) and Bob).
/// </summary>
public sealed class ParticipantsEndToEndTests
{
    /// <summary>Alice adds Bob to Group M; returns Group M as Alice and as Bob see it, and Bob as Alice sees him.</summary>
    private static async Task<(Peer AliceGroup, Peer BobGroup, Peer BobUser)> BobJoinsGroupMAsync(Client alice, Client bob)
    {
        var groupM = await EndToEndServer.DialogNamedAsync(alice, "Group M");
        var bobUser = await alice.ResolveUsernameAsync("@bobby");
        await alice.InvokeAsync(new Fn.Channels.InviteToChannel
        {
            Channel = ((ChannelRef)groupM.Ref).ToInputChannel(),
            Users = [((UserRef)bobUser.Ref).ToInputUser()],
        });
        return (groupM, await EndToEndServer.DialogNamedAsync(bob, "Group M"), bobUser);
    }

    [Fact]
    public async Task ParticipantsOfASupergroupAndASmallGroupCarryTheirStanding()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();

        var groupM = await EndToEndServer.DialogNamedAsync(alice, "Group M");
        var list = alice.GetParticipantsAsync(groupM);
        var members = await list;
        Assert.Equal(3, members.Count);
        Assert.Equal(3, list.TotalCount);
        var creator = Assert.Single(members, p => p.IsCreator);
        Assert.Equal("alice", creator.User?.Username);
        Assert.True(creator.IsAdmin);
        var carol = Assert.Single(members, p => p.User?.FirstName == "Carol");
        Assert.True(carol.IsAdmin);
        Assert.False(carol.IsCreator);
        Assert.NotEmpty(carol.AdminRights!);
        var bot = Assert.Single(members, p => p.User?.IsBot == true);
        Assert.False(bot.IsAdmin);
        Assert.Null(bot.AdminRights);
        Assert.False(bot.IsBanned);
        Assert.NotNull(bot.JoinDate);

        // One at a time, the same participants.
        var paged = await alice.GetParticipantsAsync(groupM, null, pageSize: 1).ToListAsync();
        Assert.Equal(members.Select(p => p.User!.Id), paged.Select(p => p.User!.Id));

        // A small group's participants come all at once; its creator has every right.
        var groupS = await EndToEndServer.DialogNamedAsync(alice, "Group S");
        var small = await alice.GetParticipantsAsync(groupS);
        Assert.Equal(2, small.Count);
        var smallCreator = Assert.Single(small, p => p.IsCreator);
        Assert.Equal(RightsConversion.AllAdminRights, smallCreator.AdminRights);
        Assert.False(Assert.Single(small, p => p.User?.Username == "bobby").IsAdmin);
    }

    [Fact]
    public async Task ParticipantsOfAUserOrOfABroadcastOneIsNotAnAdminOfAreRefused()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => alice.GetParticipantsAsync("@bobby").ToListAsync());
        var news = await alice.ResolveUsernameAsync("@news_channel");
        var error = await Assert.ThrowsAsync<RpcError>(() => alice.GetParticipantsAsync(news).ToListAsync());
        Assert.Equal("CHAT_ADMIN_REQUIRED", error.Name);
    }

    [Fact]
    public async Task APromotedUserIsAnAdminWithTheRightsGrantedUntilDemoted()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var groupM = await EndToEndServer.DialogNamedAsync(alice, "Group M");
        var bobUser = await alice.ResolveUsernameAsync("@bobby");

        // Not a member yet.
        var notMember = await Assert.ThrowsAsync<RpcError>(() =>
            alice.SetParticipantAdminRightsAsync(groupM, bobUser, [AdminRight.PinMessages]));
        Assert.Equal("USER_NOT_PARTICIPANT", notMember.Name);

        var (_, bobsGroup, _) = await BobJoinsGroupMAsync(alice, bob);
        // A plain member may not promote anyone.
        var botForBob = await bob.ResolveUsernameAsync("@echo_bot");
        var notAdmin = await Assert.ThrowsAsync<RpcError>(() =>
            bob.SetParticipantAdminRightsAsync(bobsGroup, botForBob, [AdminRight.PinMessages]));
        Assert.Equal("CHAT_ADMIN_REQUIRED", notAdmin.Name);

        await alice.SetParticipantAdminRightsAsync(groupM, bobUser, [AdminRight.PinMessages, AdminRight.DeleteMessages]);
        var promoted = (await alice.GetParticipantsAsync(groupM)).Single(p => p.User?.Id == bobUser.Id);
        Assert.True(promoted.IsAdmin);
        Assert.Equal(new HashSet<AdminRight> { AdminRight.PinMessages, AdminRight.DeleteMessages }, promoted.AdminRights);
        // Bob sees himself as an admin too.
        var bobSelf = (await bob.GetParticipantsAsync(bobsGroup)).Single(p => p.User?.IsSelf == true);
        Assert.True(bobSelf.IsAdmin);

        await promoted.SetAdminRightsAsync([]);
        var demoted = (await alice.GetParticipantsAsync(groupM)).Single(p => p.User?.Id == bobUser.Id);
        Assert.False(demoted.IsAdmin);
    }

    [Fact]
    public async Task AnyRightMakesASmallGroupMemberAnAdminWithAllRights()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var groupS = await EndToEndServer.DialogNamedAsync(alice, "Group S");
        var bobUser = await alice.ResolveUsernameAsync("@bobby");

        await alice.SetParticipantAdminRightsAsync(groupS, bobUser, [AdminRight.ChangeInfo]);
        var admin = (await alice.GetParticipantsAsync(groupS)).Single(p => p.User?.Id == bobUser.Id);
        Assert.Equal(RightsConversion.AllAdminRights, admin.AdminRights);

        await alice.SetParticipantAdminRightsAsync(groupS, bobUser, []);
        Assert.False((await alice.GetParticipantsAsync(groupS)).Single(p => p.User?.Id == bobUser.Id).IsAdmin);
        await Assert.ThrowsAsync<ArgumentException>(() => alice.SetParticipantAdminRightsAsync(groupS, groupS, [AdminRight.ChangeInfo]));
    }

    [Fact]
    public async Task ARestrictedUserCannotSendUntilTheRestrictionIsLiftedAndAKickedOneIsGone()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var (groupM, bobsGroup, bobUser) = await BobJoinsGroupMAsync(alice, bob);
        await bob.SendMessageAsync(bobsGroup, "before");

        var until = DateTimeOffset.UtcNow.AddHours(1);
        await alice.SetParticipantRestrictionsAsync(groupM, bobUser, [ChatRestriction.SendMessages], until);
        var forbidden = await Assert.ThrowsAsync<RpcError>(() => bob.SendMessageAsync(bobsGroup, "during"));
        Assert.Equal("CHAT_WRITE_FORBIDDEN", forbidden.Name);
        var restricted = (await alice.GetParticipantsAsync(groupM)).Single(p => p.Banned?.Id == bobUser.Id);
        Assert.True(restricted.IsBanned);
        Assert.Equal(new HashSet<ChatRestriction> { ChatRestriction.SendMessages }, restricted.Restrictions);
        Assert.Equal(until.ToUnixTimeSeconds(), restricted.RestrictedUntil?.ToUnixTimeSeconds());

        // A plain member may not restrict anyone.
        var botForBob = await bob.ResolveUsernameAsync("@echo_bot");
        var notAdmin = await Assert.ThrowsAsync<RpcError>(() =>
            bob.SetParticipantRestrictionsAsync(bobsGroup, botForBob, [ChatRestriction.SendMedia]));
        Assert.Equal("CHAT_ADMIN_REQUIRED", notAdmin.Name);

        await restricted.SetRestrictionsAsync([]);
        await bob.SendMessageAsync(bobsGroup, "after");

        await alice.SetParticipantRestrictionsAsync(groupM, bobUser, [ChatRestriction.ViewMessages]);
        Assert.DoesNotContain(await alice.GetParticipantsAsync(groupM), p => p.User?.Id == bobUser.Id);
        await Assert.ThrowsAsync<RpcError>(() => bob.SendMessageAsync(bobsGroup, "kicked"));
    }

    [Fact]
    public async Task DefaultRestrictionsApplyToMembersButNotToAdmins()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var (groupM, bobsGroup, _) = await BobJoinsGroupMAsync(alice, bob);

        await alice.SetChatDefaultRestrictionsAsync(groupM, [ChatRestriction.SendMessages]);
        var forbidden = await Assert.ThrowsAsync<RpcError>(() => bob.SendMessageAsync(bobsGroup, "muted"));
        Assert.Equal("CHAT_WRITE_FORBIDDEN", forbidden.Name);
        await alice.SendMessageAsync(groupM, "admins still speak");

        var notAdmin = await Assert.ThrowsAsync<RpcError>(() => bob.SetChatDefaultRestrictionsAsync(bobsGroup, []));
        Assert.Equal("CHAT_ADMIN_REQUIRED", notAdmin.Name);

        await alice.SetChatDefaultRestrictionsAsync(groupM, []);
        await bob.SendMessageAsync(bobsGroup, "unmuted");
        await Assert.ThrowsAsync<ArgumentException>(() => alice.SetChatDefaultRestrictionsAsync("@bobby", []));
    }

    [Fact]
    public async Task TheAdminLogRecordsPromotionsAndRestrictionsNewestFirstForAdminsOnly()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var (groupM, bobsGroup, bobUser) = await BobJoinsGroupMAsync(alice, bob);

        await alice.SetParticipantAdminRightsAsync(groupM, bobUser, [AdminRight.PinMessages]);
        await alice.SetParticipantAdminRightsAsync(groupM, bobUser, []);
        await alice.SetParticipantRestrictionsAsync(groupM, bobUser, [ChatRestriction.SendStickers]);
        await alice.SetChatDefaultRestrictionsAsync(groupM, [ChatRestriction.SendPolls]);

        var log = await alice.GetAdminLogAsync(groupM);
        Assert.True(log.Count >= 4);
        Assert.Equal(log.Select(a => a.Id).OrderDescending(), log.Select(a => a.Id));
        var me = (await alice.GetMeAsync())!;
        Assert.All(log.Take(4), a => Assert.Equal(me.Id, a.Actor.Id));
        Assert.IsType<Telethon.Tl.Types.ChannelAdminLogEventActionDefaultBannedRights>(log[0].Action);
        Assert.Contains("SendPolls", log[0].Description, StringComparison.Ordinal);
        Assert.IsType<Telethon.Tl.Types.ChannelAdminLogEventActionParticipantToggleBan>(log[1].Action);
        Assert.Contains("SendStickers", log[1].Description, StringComparison.Ordinal);
        Assert.IsType<Telethon.Tl.Types.ChannelAdminLogEventActionParticipantToggleAdmin>(log[2].Action);
        Assert.IsType<Telethon.Tl.Types.ChannelAdminLogEventActionParticipantToggleAdmin>(log[3].Action);
        Assert.Contains("PinMessages", log[3].Description, StringComparison.Ordinal);

        // One at a time, the same actions.
        var paged = await alice.GetAdminLogAsync(groupM, null, pageSize: 1).ToListAsync();
        Assert.Equal(log.Select(a => a.Id), paged.Select(a => a.Id));
        Assert.Equal(2, (await alice.GetAdminLogAsync(groupM, 2)).Count);

        var notAdmin = await Assert.ThrowsAsync<RpcError>(() => bob.GetAdminLogAsync(bobsGroup).ToListAsync());
        Assert.Equal("CHAT_ADMIN_REQUIRED", notAdmin.Name);
        // Small groups keep no admin log.
        Assert.Empty(await alice.GetAdminLogAsync(await EndToEndServer.DialogNamedAsync(alice, "Group S")));
    }
}
