using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>Participants, admin and ban rights, default rights and the admin log of the test server, by Telegram's rules.</summary>
public sealed class ParticipantAdminTests
{
    private static long Supergroup(WorldHarness h, TestSession creator, params TestSession[] members)
    {
        var created = Assert.IsType<T.UpdatesConstructor>(h.Call(creator, new C.CreateChannel { Title = "Staff room", About = "about it", Megagroup = true }));
        var id = Assert.IsType<T.Channel>(Assert.Single(created.Chats)).Id;
        if (members.Length > 0)
            h.Call(creator, new C.InviteToChannel { Channel = h.InputChannel(creator, id), Users = [.. members.Select(m => h.InputUser(creator, m.UserId))] });
        return id;
    }

    private static T.UpdatesConstructor LastPush(TestSession session) => Assert.IsType<T.UpdatesConstructor>(session.Sink.Pushes[^1]);

    [Fact]
    public void PromotionNeedsAddAdminsAndGrantsOnlyOwnRights()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var b = h.Login("9996622222", "Bob");
        var c = h.Login("9996623333", "Carol");
        var d = h.Login("9996624444", "Dave");
        var channelId = Supergroup(h, a, b, c);
        a.Sink.Clear();
        b.Sink.Clear();

        var bobRights = new T.ChatAdminRights { BanUsers = true, AddAdmins = true, InviteUsers = true };
        var promoted = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditAdmin
        {
            Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, b.UserId), AdminRights = bobRights, Rank = "Mod",
        }));
        var forA = Assert.IsType<T.UpdateChannelParticipant>(Assert.Single(promoted.Updates));
        Assert.Equal(1, forA.Qts);
        Assert.Equal(a.UserId, forA.ActorId);
        Assert.Equal(b.UserId, forA.UserId);
        Assert.IsType<T.ChannelParticipant>(forA.PrevParticipant);
        var admin = Assert.IsType<T.ChannelParticipantAdmin>(forA.NewParticipant);
        Assert.Equal("Mod", admin.Rank);
        Assert.Equal(a.UserId, admin.PromotedBy);
        var granted = Assert.IsType<T.ChatAdminRights>(admin.AdminRights);
        Assert.True(granted.BanUsers && granted.AddAdmins && granted.InviteUsers);
        Assert.False(granted.PinMessages);
        Assert.Empty(a.Sink.Pushes);

        var atB = LastPush(b);
        Assert.IsType<T.UpdateChannel>(atB.Updates[0]);
        Assert.Equal(1, Assert.IsType<T.UpdateChannelParticipant>(atB.Updates[1]).Qts);
        Assert.True(Assert.IsType<T.Channel>(Assert.Single(atB.Chats)).AdminRights is T.ChatAdminRights { AddAdmins: true });
        Assert.Contains(h.Truth.Records, r => r.Account == b.UserId && r.Kind == "updateChannelParticipant" && r.Qts == 1 && r.Channel == channelId);
        Assert.Contains(h.Truth.Records, r => r.Account == a.UserId && r.Kind == "updateChannelParticipant" && r.Qts == 1);

        // Bob may promote with his own rights only; Carol (no add_admins) may not promote at all.
        var pin = new T.ChatAdminRights { PinMessages = true };
        Assert.Equal("RIGHT_FORBIDDEN", h.Fail(b, new C.EditAdmin { Channel = h.InputChannel(b, channelId), UserId = h.InputUser(b, c.UserId), AdminRights = pin, Rank = "" }).RawMessage);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new C.EditAdmin { Channel = h.InputChannel(c, channelId), UserId = h.InputUser(c, b.UserId), AdminRights = new T.ChatAdminRights(), Rank = "" }).RawMessage);
        Assert.Equal("ADMIN_RANK_INVALID", h.Fail(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, c.UserId), AdminRights = pin, Rank = "A title far too long" }).RawMessage);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, d.UserId), AdminRights = pin, Rank = "" }).RawMessage);
        Assert.Equal("USER_CREATOR", h.Fail(b, new C.EditAdmin { Channel = h.InputChannel(b, channelId), UserId = h.InputUser(b, a.UserId), AdminRights = new T.ChatAdminRights { BanUsers = true }, Rank = "" }).RawMessage);
        h.Call(b, new C.EditAdmin { Channel = h.InputChannel(b, channelId), UserId = h.InputUser(b, c.UserId), AdminRights = new T.ChatAdminRights { BanUsers = true }, Rank = "" });
        h.Call(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = new T.InputUserSelf(), AdminRights = new T.ChatAdminRights(), Rank = "Boss" });

        // The admins list, as an ordinary member sees it: the creator first, then by promotion.
        h.Call(a, new C.InviteToChannel { Channel = h.InputChannel(a, channelId), Users = [h.InputUser(a, d.UserId)] });
        var admins = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(d, new C.GetParticipants
        {
            Channel = h.InputChannel(d, channelId), Filter = new T.ChannelParticipantsAdmins(), Offset = 0, Limit = 50,
        }));
        Assert.Equal(3, admins.Count);
        var creator = Assert.IsType<T.ChannelParticipantCreator>(admins.Participants[0]);
        Assert.Equal(a.UserId, creator.UserId);
        Assert.Equal("Boss", creator.Rank);
        var carolAdmin = admins.Participants.OfType<T.ChannelParticipantAdmin>().Single(p => p.UserId == c.UserId);
        Assert.Equal(b.UserId, carolAdmin.PromotedBy);
        Assert.False(carolAdmin.CanEdit);
        Assert.Contains(admins.Users, u => u is T.User { Id: var id } && id == b.UserId);

        // Bob edits the admin he promoted; Carol cannot edit Bob; Alice (creator) may edit anyone.
        var asBob = Assert.IsType<T.Channels.ChannelParticipant>(h.Call(b, new C.GetParticipant { Channel = h.InputChannel(b, channelId), Participant = h.PeerUser(b, c.UserId) }));
        Assert.True(Assert.IsType<T.ChannelParticipantAdmin>(asBob.Participant).CanEdit);
        var self = Assert.IsType<T.Channels.ChannelParticipant>(h.Call(b, new C.GetParticipant { Channel = h.InputChannel(b, channelId), Participant = new T.InputPeerSelf() }));
        Assert.True(Assert.IsType<T.ChannelParticipantAdmin>(self.Participant).Self);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(b, new C.GetParticipant { Channel = h.InputChannel(b, channelId), Participant = h.PeerUser(b, h.Login("9996625555", "Eve").UserId) }).RawMessage);

        var demoted = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, c.UserId), AdminRights = new T.ChatAdminRights(), Rank = "" }));
        var demotion = Assert.IsType<T.UpdateChannelParticipant>(Assert.Single(demoted.Updates));
        Assert.IsType<T.ChannelParticipantAdmin>(demotion.PrevParticipant);
        Assert.IsType<T.ChannelParticipant>(demotion.NewParticipant);

        // The admin log: the four changes, newest first; the filter and the admins narrow it.
        var log = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 10,
            EventsFilter = new T.ChannelAdminLogEventsFilter { Promote = true, Demote = true },
        }));
        Assert.Equal(4, log.Events.Length);
        var newest = Assert.IsType<T.ChannelAdminLogEvent>(log.Events[0]);
        Assert.Equal(a.UserId, newest.UserId);
        Assert.IsType<T.ChannelAdminLogEventActionParticipantToggleAdmin>(newest.Action);
        Assert.True(log.Events.Cast<T.ChannelAdminLogEvent>().Select(e => e.Id).SequenceEqual(log.Events.Cast<T.ChannelAdminLogEvent>().Select(e => e.Id).OrderDescending()));
        var byBob = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 10, Admins = [h.InputUser(a, b.UserId)],
        }));
        Assert.Equal(b.UserId, Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(byBob.Events)).UserId);
        var invites = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "Dave", Limit = 10, EventsFilter = new T.ChannelAdminLogEventsFilter { Invite = true },
        }));
        Assert.IsType<T.ChannelAdminLogEventActionParticipantInvite>(Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(invites.Events)).Action);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(d, new C.GetAdminLog { Channel = h.InputChannel(d, channelId), Q = "", Limit = 10 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void RestrictedMembersCannotSendUntilTheRestrictionEnds()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var b = h.Login("9996622222", "Bob");
        var c = h.Login("9996623333", "Carol");
        var channelId = Supergroup(h, a, b, c);
        h.Call(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, b.UserId), AdminRights = new T.ChatAdminRights { PinMessages = true }, Rank = "" });
        c.Sink.Clear();

        var mute = new T.ChatBannedRights { SendMessages = true, UntilDate = h.World.Now + 3600 };
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new C.EditBanned { Channel = h.InputChannel(b, channelId), Participant = h.PeerUser(b, c.UserId), BannedRights = mute }).RawMessage);
        Assert.Equal("USER_ADMIN_INVALID", h.Fail(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, b.UserId), BannedRights = mute }).RawMessage);

        var restricted = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = mute }));
        var change = Assert.IsType<T.UpdateChannelParticipant>(Assert.Single(restricted.Updates));
        var banned = Assert.IsType<T.ChannelParticipantBanned>(change.NewParticipant);
        Assert.False(banned.Left);
        Assert.Equal(a.UserId, banned.KickedBy);
        Assert.Equal(mute.UntilDate, Assert.IsType<T.ChatBannedRights>(banned.BannedRights).UntilDate);
        var atC = LastPush(c);
        Assert.IsType<T.UpdateChannel>(atC.Updates[0]);
        Assert.IsType<T.UpdateChannelParticipant>(atC.Updates[1]);
        Assert.True(Assert.IsType<T.Channel>(Assert.Single(atC.Chats)).BannedRights is T.ChatBannedRights { SendMessages: true });

        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(c, new M.SendMessage { Peer = h.PeerChannel(c, channelId), Message = "let me talk", RandomId = 77 }).RawMessage);
        var adminPost = Assert.IsType<T.UpdatesConstructor>(h.Send(b, h.PeerChannel(b, channelId), "admins still talk"));
        var postId = adminPost.Updates.OfType<T.UpdateNewChannelMessage>().Single().Message.Id();
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(c, new M.ForwardMessages { FromPeer = h.PeerChannel(c, channelId), Id = [postId], RandomId = [79], ToPeer = h.PeerChannel(c, channelId) }).RawMessage);
        var list = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(a, new C.GetParticipants { Channel = h.InputChannel(a, channelId), Filter = new T.ChannelParticipantsBanned { Q = "" }, Offset = 0, Limit = 10 }));
        Assert.Equal(c.UserId, Assert.IsType<T.ChannelParticipantBanned>(Assert.Single(list.Participants)).Peer is T.PeerUser p ? p.UserId : 0);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new C.GetParticipants { Channel = h.InputChannel(c, channelId), Filter = new T.ChannelParticipantsBanned { Q = "" }, Offset = 0, Limit = 10 }).RawMessage);
        var full = Assert.IsType<T.ChannelFull>(Assert.IsType<T.Messages.ChatFull>(h.Call(a, new C.GetFullChannel { Channel = h.InputChannel(a, channelId) })).FullChat);
        Assert.Equal(1, full.BannedCount);
        Assert.Equal(0, full.KickedCount);
        Assert.Equal(2, full.AdminsCount);
        Assert.Equal(3, full.ParticipantsCount);
        Assert.Equal("about it", full.About);

        // The restriction ends on its own at until_date.
        h.Time.Advance(TimeSpan.FromSeconds(3601));
        h.Send(c, h.PeerChannel(c, channelId), "free again");

        // Text only taken away: CHAT_SEND_PLAIN_FORBIDDEN.
        h.Call(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = new T.ChatBannedRights { SendPlain = true } });
        Assert.Equal("CHAT_SEND_PLAIN_FORBIDDEN", h.Fail(c, new M.SendMessage { Peer = h.PeerChannel(c, channelId), Message = "text?", RandomId = 78 }).RawMessage);
        h.Call(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = new T.ChatBannedRights() });
        h.Send(c, h.PeerChannel(c, channelId), "unrestricted");

        var log = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 10, EventsFilter = new T.ChannelAdminLogEventsFilter { Ban = true, Unban = true },
        }));
        Assert.Equal(3, log.Events.Length);
        var unban = Assert.IsType<T.ChannelAdminLogEventActionParticipantToggleBan>(Assert.IsType<T.ChannelAdminLogEvent>(log.Events[0]).Action);
        Assert.IsType<T.ChannelParticipant>(unban.NewParticipant);
        h.AssertClean();
    }

    [Fact]
    public void KickedUsersLeaveAndComeBackOnlyThroughAnAdmin()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var b = h.Login("9996622222", "Bob");
        var c = h.Login("9996623333", "Carol");
        var channelId = Supergroup(h, a, b, c);
        b.Sink.Clear();
        c.Sink.Clear();

        var kick = new T.ChatBannedRights { ViewMessages = true, SendMessages = true };
        var kicked = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = kick }));
        Assert.IsType<T.UpdateChannelParticipant>(kicked.Updates[0]);
        var service = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewChannelMessage>(kicked.Updates[1]).Message);
        Assert.Equal(c.UserId, Assert.IsType<T.MessageActionChatDeleteUser>(service.Action).UserId);
        var atB = Assert.IsType<T.UpdateNewChannelMessage>(Assert.Single(LastPush(b).Updates));
        Assert.Equal(service.Id, atB.Message.Id());
        var atC = LastPush(c);
        Assert.IsType<T.UpdateChannel>(atC.Updates[0]);
        Assert.True(Assert.IsType<T.ChannelParticipantBanned>(Assert.IsType<T.UpdateChannelParticipant>(atC.Updates[1]).NewParticipant).Left);
        Assert.True(Assert.IsType<T.Channel>(Assert.Single(atC.Chats)).Left);
        Assert.DoesNotContain(h.Truth.Records, r => r.Account == c.UserId && r.Kind == "updateNewChannelMessage" && r.MessageId == service.Id);

        Assert.Equal("CHANNEL_PRIVATE", h.Fail(c, new M.SendMessage { Peer = h.PeerChannel(c, channelId), Message = "hello?", RandomId = 5 }).RawMessage);
        var kickedList = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(a, new C.GetParticipants { Channel = h.InputChannel(a, channelId), Filter = new T.ChannelParticipantsKicked { Q = "car" }, Offset = 0, Limit = 10 }));
        Assert.True(Assert.IsType<T.ChannelParticipantBanned>(Assert.Single(kickedList.Participants)).Left);
        var recent = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(a, new C.GetParticipants { Channel = h.InputChannel(a, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 10 }));
        Assert.Equal(2, recent.Count);
        Assert.Equal("USER_KICKED", h.Fail(b, new C.InviteToChannel { Channel = h.InputChannel(b, channelId), Users = [h.InputUser(b, c.UserId)] }).RawMessage);

        // Unbanning makes the user a former member (not a participant); an admin may then add it back.
        var unbanned = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditBanned { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = new T.ChatBannedRights() }));
        Assert.IsType<T.ChannelParticipantLeft>(Assert.IsType<T.UpdateChannelParticipant>(Assert.Single(unbanned.Updates)).NewParticipant);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(a, new C.GetParticipant { Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId) }).RawMessage);
        h.Call(b, new C.InviteToChannel { Channel = h.InputChannel(b, channelId), Users = [h.InputUser(b, c.UserId)] });
        h.Send(c, h.PeerChannel(c, channelId), "back");

        var kicks = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 10, EventsFilter = new T.ChannelAdminLogEventsFilter { Kick = true, Unkick = true },
        }));
        Assert.Equal(2, kicks.Events.Length);
        var cQts = h.Truth.Records.Where(r => r.Account == c.UserId && r.Kind == "updateChannelParticipant").Select(r => r.Qts).ToList();
        Assert.Equal([1, 2], cQts);
        h.AssertClean();
    }

    [Fact]
    public void DefaultBannedRightsBindOrdinaryMembersOfGroupsAndChannels()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var b = h.Login("9996622222", "Bob");
        var c = h.Login("9996623333", "Carol");
        var invited = Assert.IsType<T.Messages.InvitedUsers>(h.Call(a, new M.CreateChat { Title = "Small", Users = [h.InputUser(a, b.UserId), h.InputUser(a, c.UserId)] }));
        var chatId = Assert.IsType<T.Chat>(Assert.IsType<T.UpdatesConstructor>(invited.Updates).Chats[0]).Id;
        var chat = new T.InputPeerChat { ChatId = chatId };
        b.Sink.Clear();

        var noText = new T.ChatBannedRights { SendMessages = true };
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.EditChatDefaultBannedRights { Peer = chat, BannedRights = noText }).RawMessage);
        var set = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.EditChatDefaultBannedRights { Peer = chat, BannedRights = noText }));
        var update = Assert.IsType<T.UpdateChatDefaultBannedRights>(Assert.Single(set.Updates));
        Assert.Equal(2, update.Version);
        Assert.NotEqual(0, set.Seq);
        Assert.IsType<T.UpdateChatDefaultBannedRights>(Assert.Single(LastPush(b).Updates));
        Assert.Equal("CHAT_NOT_MODIFIED", h.Fail(a, new M.EditChatDefaultBannedRights { Peer = chat, BannedRights = noText }).RawMessage);
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(b, new M.SendMessage { Peer = chat, Message = "quiet?", RandomId = 9 }).RawMessage);
        h.Send(a, chat, "the creator may");

        // An admin is not bound by the defaults.
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new M.EditChatAdmin { ChatId = chatId, UserId = h.InputUser(c, b.UserId), IsAdmin = true }).RawMessage);
        Assert.True(h.Call(a, new M.EditChatAdmin { ChatId = chatId, UserId = h.InputUser(a, b.UserId), IsAdmin = true }));
        var admined = Assert.IsType<T.UpdateChatParticipantAdmin>(Assert.Single(LastPush(c).Updates));
        Assert.Equal(b.UserId, admined.UserId);
        Assert.True(admined.IsAdmin);
        Assert.Equal(3, admined.Version);
        h.Send(b, chat, "admins may");
        var full = Assert.IsType<T.Messages.ChatFull>(h.Call(c, new M.GetFullChat { ChatId = chatId }));
        var participants = Assert.IsType<T.ChatParticipants>(Assert.IsType<T.ChatFull>(full.FullChat).Participants);
        Assert.Equal(3, participants.Version);
        Assert.IsType<T.ChatParticipantCreator>(participants.Participants.Single(p => p is T.ChatParticipantCreator));
        Assert.Equal(b.UserId, Assert.IsType<T.ChatParticipantAdmin>(participants.Participants.Single(p => p is T.ChatParticipantAdmin)).UserId);
        Assert.True(Assert.IsType<T.Chat>(Assert.Single(full.Chats)).DefaultBannedRights is T.ChatBannedRights { SendMessages: true });
        Assert.Equal(3, full.Users.Length);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(a, new M.EditChatAdmin { ChatId = chatId, UserId = h.InputUser(a, h.Login("9996624444", "Dave").UserId), IsAdmin = true }).RawMessage);
        Assert.Equal("CHAT_ID_INVALID", h.Fail(a, new M.GetFullChat { ChatId = chatId + 1000 }).RawMessage);

        // A supergroup: the defaults apply to members, and the admin log records the change.
        var channelId = Supergroup(h, a, b, c);
        var noPlain = new T.ChatBannedRights { SendPlain = true };
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new M.EditChatDefaultBannedRights { Peer = h.PeerChannel(c, channelId), BannedRights = noPlain }).RawMessage);
        h.Call(a, new M.EditChatDefaultBannedRights { Peer = h.PeerChannel(a, channelId), BannedRights = noPlain });
        Assert.IsType<T.UpdateChatDefaultBannedRights>(Assert.Single(LastPush(c).Updates));
        Assert.Equal("CHAT_SEND_PLAIN_FORBIDDEN", h.Fail(c, new M.SendMessage { Peer = h.PeerChannel(c, channelId), Message = "text", RandomId = 10 }).RawMessage);
        h.Send(a, h.PeerChannel(a, channelId), "creator talks");
        var log = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 10, EventsFilter = new T.ChannelAdminLogEventsFilter { Settings = true },
        }));
        var rights = Assert.IsType<T.ChannelAdminLogEventActionDefaultBannedRights>(Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(log.Events)).Action);
        Assert.True(rights.NewBannedRights is T.ChatBannedRights { SendPlain: true });
        Assert.Contains(h.Truth.Records, r => r.Account == c.UserId && r.Kind == "updateChatDefaultBannedRights" && r.Channel == channelId);
        h.AssertClean();
    }

    [Fact]
    public void ParticipantListsPageSearchAndHideBroadcastMembers()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var others = Enumerable.Range(2, 5).Select(i => h.Login($"999662{i}{i}{i}{i}", i % 2 == 0 ? $"Even{i}" : $"Odd{i}")).ToArray();
        var botId = h.World.CreateBot("7000001:tok", "Helper", "helper_bot", dc: 2);
        var channelId = Supergroup(h, a, others);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        h.Call(a, new C.InviteToChannel { Channel = h.InputChannel(a, channelId), Users = [h.InputUser(a, botId)] });
        var viewer = others[0];

        var first = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(viewer, new C.GetParticipants { Channel = h.InputChannel(viewer, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 4 }));
        var second = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(viewer, new C.GetParticipants { Channel = h.InputChannel(viewer, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 4, Limit = 4 }));
        Assert.Equal(7, first.Count);
        Assert.Equal(4, first.Participants.Length);
        Assert.Equal(3, second.Participants.Length);
        var ids = first.Participants.Concat(second.Participants).Select(UserIdOf).ToList();
        Assert.Equal(7, ids.Distinct().Count());
        Assert.Equal(botId, ids[0]);
        Assert.Contains(first.Participants.Concat(second.Participants), p => p is T.ChannelParticipantSelf s && s.UserId == viewer.UserId && s.InviterId == a.UserId);
        Assert.Single(first.Participants.Concat(second.Participants).OfType<T.ChannelParticipantCreator>());
        Assert.Equal(first.Participants.Length, first.Users.Length - (first.Participants.Any(p => UserIdOf(p) == a.UserId) ? 0 : 1));

        var odd = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(viewer, new C.GetParticipants { Channel = h.InputChannel(viewer, channelId), Filter = new T.ChannelParticipantsSearch { Q = "odd" }, Offset = 0, Limit = 10 }));
        Assert.Equal(2, odd.Count);
        var bots = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(viewer, new C.GetParticipants { Channel = h.InputChannel(viewer, channelId), Filter = new T.ChannelParticipantsBots(), Offset = 0, Limit = 10 }));
        Assert.Equal(botId, UserIdOf(Assert.Single(bots.Participants)));

        // A broadcast channel lists its members to admins only.
        var newsId = h.World.CreateChannel(a.UserId, "News", broadcast: true, username: "news_here", memberIds: [viewer.UserId]);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(viewer, new C.GetParticipants { Channel = h.InputChannel(viewer, newsId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 10 }).RawMessage);
        var asAdmin = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(a, new C.GetParticipants { Channel = h.InputChannel(a, newsId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 10 }));
        Assert.Equal(2, asAdmin.Count);
        var memberView = Assert.IsType<T.ChannelFull>(Assert.IsType<T.Messages.ChatFull>(h.Call(viewer, new C.GetFullChannel { Channel = h.InputChannel(viewer, newsId) })).FullChat);
        Assert.False(memberView.CanViewParticipants);
        Assert.Null(memberView.AdminsCount);
        Assert.Null(memberView.KickedCount);
        Assert.Equal(2, memberView.ParticipantsCount);
        var own = Assert.IsType<T.Channels.ChannelParticipant>(h.Call(viewer, new C.GetParticipant { Channel = h.InputChannel(viewer, newsId), Participant = new T.InputPeerSelf() }));
        Assert.IsType<T.ChannelParticipantSelf>(own.Participant);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(viewer, new C.GetParticipant { Channel = h.InputChannel(viewer, newsId), Participant = h.PeerUser(viewer, a.UserId) }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void ClientStyleCallsPageTheAdminLogAndRestrictForever()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "Alice");
        var b = h.Login("9996622222", "Bob");
        var c = h.Login("9996623333", "Carol");
        var channelId = Supergroup(h, a, b, c);

        // until_date 0x7FFFFFFF (what the client sends for "forever") is kept as 0, forever.
        var forever = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.EditBanned
        {
            Channel = h.InputChannel(a, channelId), Participant = h.PeerUser(a, c.UserId), BannedRights = new T.ChatBannedRights { SendMessages = true, UntilDate = 0x7FFFFFFF },
        }));
        var rights = Assert.IsType<T.ChatBannedRights>(Assert.IsType<T.ChannelParticipantBanned>(Assert.IsType<T.UpdateChannelParticipant>(Assert.Single(forever.Updates)).NewParticipant).BannedRights);
        Assert.Equal(0, rights.UntilDate);
        h.Time.Advance(TimeSpan.FromDays(400));
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(c, new M.SendMessage { Peer = h.PeerChannel(c, channelId), Message = "still muted", RandomId = 3 }).RawMessage);
        h.Call(a, new M.EditChatDefaultBannedRights { Peer = h.PeerChannel(a, channelId), BannedRights = new T.ChatBannedRights { SendPolls = true, UntilDate = 0x7FFFFFFF } });
        Assert.Equal("BANNED_RIGHTS_INVALID", h.Fail(a, new M.EditChatDefaultBannedRights { Peer = h.PeerChannel(a, channelId), BannedRights = new T.ChatBannedRights { ViewMessages = true } }).RawMessage);

        // The log as the client pages it: empty admins list, max_id = the smallest id seen so far.
        var seen = new List<long>();
        long maxId = 0;
        while (true)
        {
            var page = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog { Channel = h.InputChannel(a, channelId), Q = "", Admins = [], MaxId = maxId, MinId = 0, Limit = 2 }));
            if (page.Events.Length == 0)
                break;
            var ids = page.Events.Cast<T.ChannelAdminLogEvent>().Select(e => e.Id).ToList();
            seen.AddRange(ids);
            maxId = ids.Min();
        }
        // Two invites, the restriction and the default rights, newest first without repeats.
        Assert.Equal(4, seen.Count);
        Assert.Equal(seen.OrderDescending(), seen);

        // The participants hash: the same page answers channelParticipantsNotModified.
        var recent = Assert.IsType<T.Channels.ChannelParticipants>(h.Call(b, new C.GetParticipants { Channel = h.InputChannel(b, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 200, Hash = 0 }));
        var hash = Telethon.TestServer.World.TelegramWorld.ContactsHash(recent.Participants.Select(UserIdOf).Order());
        Assert.IsType<T.Channels.ChannelParticipantsNotModified>(h.Call(b, new C.GetParticipants { Channel = h.InputChannel(b, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 200, Hash = hash }));
        h.AssertClean();
    }

    [Fact]
    public async Task AdminChangesRaceSendsAndListsWithoutDeadlockOrQtsGaps()
    {
        var h = new WorldHarness();
        var sessions = Enumerable.Range(0, 5).Select(i => h.Login($"999662{i:D4}", $"U{i}")).ToList();
        var owner = sessions[0];
        var channelId = Supergroup(h, owner, [.. sessions.Skip(1)]);
        const int rounds = 10;
        string[] allowed = ["CHAT_WRITE_FORBIDDEN", "CHAT_SEND_PLAIN_FORBIDDEN", "CHAT_NOT_MODIFIED", "CHAT_ADMIN_REQUIRED", "USER_ADMIN_INVALID"];
        void Try(TestSession session, Telethon.Tl.TlFunction function)
        {
            var outcome = h.Dispatcher.Invoke(session.Context, function);
            if (outcome.IsError)
                Assert.Contains(outcome.Error!.RawMessage, allowed);
        }

        var run = Task.Run(() => Parallel.ForEach(sessions, new ParallelOptions { MaxDegreeOfParallelism = sessions.Count }, session =>
        {
            var me = sessions.IndexOf(session);
            for (var i = 0; i < rounds; i++)
            {
                if (session == owner)
                {
                    var target = sessions[1 + i % 4];
                    Try(owner, new C.EditBanned { Channel = h.InputChannel(owner, channelId), Participant = h.PeerUser(owner, target.UserId), BannedRights = new T.ChatBannedRights { SendMessages = i % 2 == 0 } });
                    Try(owner, new C.EditAdmin { Channel = h.InputChannel(owner, channelId), UserId = h.InputUser(owner, sessions[1].UserId), AdminRights = new T.ChatAdminRights { BanUsers = i % 2 == 0 }, Rank = "" });
                    Try(owner, new M.EditChatDefaultBannedRights { Peer = h.PeerChannel(owner, channelId), BannedRights = new T.ChatBannedRights { SendPlain = i % 3 == 0 } });
                }
                else
                {
                    Try(session, new M.SendMessage { Peer = h.PeerChannel(session, channelId), Message = $"m{me}.{i}", RandomId = me * 1000 + i + 1 });
                    h.Call(session, new C.GetParticipants { Channel = h.InputChannel(session, channelId), Filter = new T.ChannelParticipantsRecent(), Offset = 0, Limit = 10 });
                    h.Call(session, new C.GetFullChannel { Channel = h.InputChannel(session, channelId) });
                    Try(session, new C.GetAdminLog { Channel = h.InputChannel(session, channelId), Q = "", Limit = 5 });
                }
            }
        }));
        await run.WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var session in sessions)
        {
            var state = Assert.IsType<T.Updates.State>(h.Call(session, new Telethon.Tl.Functions.Updates.GetState()));
            var qts = h.Truth.Records.Where(r => r.Account == session.UserId && r.Qts is not null).Select(r => r.Qts!.Value).ToList();
            Assert.Equal(Enumerable.Range(1, state.Qts), qts);
            var channelPts = h.Truth.Records.Where(r => r.Account == session.UserId && r.Channel == channelId && r.Pts > 0).Select(r => r.Pts).ToList();
            Assert.Equal(channelPts.Order(), channelPts);
        }
        h.AssertClean();
    }

    private static long UserIdOf(ChannelParticipant participant) => participant switch
    {
        T.ChannelParticipant p => p.UserId,
        T.ChannelParticipantSelf s => s.UserId,
        T.ChannelParticipantCreator c => c.UserId,
        T.ChannelParticipantAdmin a => a.UserId,
        T.ChannelParticipantBanned { Peer: T.PeerUser u } => u.UserId,
        _ => throw new ArgumentException(participant.TlName),
    };
}
