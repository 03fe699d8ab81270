using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>The message events of the admin log (edits, deletions, pins), by Telegram's rules for what it logs.</summary>
public sealed class AdminLogMessageTests
{
    private static long Channel(WorldHarness h, TestSession creator, bool broadcast, params TestSession[] members)
    {
        var created = Assert.IsType<T.UpdatesConstructor>(h.Call(creator, new C.CreateChannel { Title = "Log room", About = "", Megagroup = !broadcast, Broadcast = broadcast }));
        var id = Assert.IsType<T.Channel>(Assert.Single(created.Chats)).Id;
        if (members.Length > 0)
            h.Call(creator, new C.InviteToChannel { Channel = h.InputChannel(creator, id), Users = [.. members.Select(m => h.InputUser(creator, m.UserId))] });
        return id;
    }

    private static int Post(WorldHarness h, TestSession from, long channelId, string text) =>
        Assert.IsType<T.UpdatesConstructor>(h.Send(from, h.PeerChannel(from, channelId), text)).Updates.OfType<T.UpdateNewChannelMessage>().Single().Message.Id();

    private static T.ChannelAdminLogEvent[] Log(WorldHarness h, TestSession viewer, long channelId, T.ChannelAdminLogEventsFilter? filter) =>
        [.. Assert.IsType<T.Channels.AdminLogResults>(h.Call(viewer, new C.GetAdminLog { Channel = h.InputChannel(viewer, channelId), Q = "", Limit = 50, EventsFilter = filter }))
            .Events.Cast<T.ChannelAdminLogEvent>()];

    [Fact]
    public void SupergroupLogsAdminsEditsDeletionsOfOthersAndPins()
    {
        var h = new WorldHarness();
        var a = h.Login("9996631111", "Alice");
        var b = h.Login("9996632222", "Bob");
        var c = h.Login("9996633333", "Carol");
        var channelId = Channel(h, a, false, b, c);
        h.Call(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, b.UserId), AdminRights = new T.ChatAdminRights { DeleteMessages = true, PinMessages = true }, Rank = "" });

        // An ordinary member's edit and deletion of its own message are not logged.
        var mine = Post(h, c, channelId, "typo here");
        h.Call(c, new M.EditMessage { Peer = h.PeerChannel(c, channelId), Id = mine, Message = "no typo here" });
        h.Call(c, new C.DeleteMessages { Channel = h.InputChannel(c, channelId), Id = [mine] });
        Assert.Empty(Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Edit = true, Delete = true, Pinned = true }));

        // The creator's edit: prev_message and new_message.
        var rules = Post(h, a, channelId, "rules");
        h.Call(a, new M.EditMessage { Peer = h.PeerChannel(a, channelId), Id = rules, Message = "rules v2" });
        // An admin pins and unpins a member's message, and deletes another one.
        var note = Post(h, c, channelId, "important note");
        h.Call(b, new M.UpdatePinnedMessage { Peer = h.PeerChannel(b, channelId), Id = note, Silent = true });
        h.Call(b, new M.UpdatePinnedMessage { Peer = h.PeerChannel(b, channelId), Id = note, Unpin = true });
        var spam = Post(h, c, channelId, "buy spam");
        h.Call(b, new C.DeleteMessages { Channel = h.InputChannel(b, channelId), Id = [spam] });

        var edits = Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Edit = true });
        var edit = Assert.Single(edits);
        Assert.Equal(a.UserId, edit.UserId);
        var editAction = Assert.IsType<T.ChannelAdminLogEventActionEditMessage>(edit.Action);
        var prev = Assert.IsType<T.Message>(editAction.PrevMessage);
        var next = Assert.IsType<T.Message>(editAction.NewMessage);
        Assert.Equal((rules, "rules", (int?)null), (prev.Id, prev.MessageValue, prev.EditDate));
        Assert.Equal((rules, "rules v2"), (next.Id, next.MessageValue));
        Assert.NotNull(next.EditDate);

        var pins = Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Pinned = true });
        Assert.Equal(2, pins.Length);
        Assert.All(pins, e => Assert.Equal(b.UserId, e.UserId));
        var unpinned = Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionUpdatePinned>(pins[0].Action).Message);
        var pinned = Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionUpdatePinned>(pins[1].Action).Message);
        Assert.Equal((note, false), (unpinned.Id, unpinned.Pinned));
        Assert.Equal((note, true, "important note"), (pinned.Id, pinned.Pinned, pinned.MessageValue));

        var deletions = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 50, EventsFilter = new T.ChannelAdminLogEventsFilter { Delete = true },
        }));
        var deletion = Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(deletions.Events));
        Assert.Equal(b.UserId, deletion.UserId);
        var deleted = Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionDeleteMessage>(deletion.Action).Message);
        Assert.Equal((spam, "buy spam"), (deleted.Id, deleted.MessageValue));
        Assert.Equal(c.UserId, Assert.IsType<T.PeerUser>(deleted.FromId).UserId);
        // The author and the channel the message names come with the events.
        Assert.Contains(deletions.Users, u => u is T.User { Id: var userId } && userId == c.UserId);
        Assert.Contains(deletions.Chats, ch => ch is T.Channel { Id: var chatId } && chatId == channelId);

        // Unfiltered, the message events sit among the others, newest first; other kinds leave them out.
        var all = Log(h, a, channelId, null);
        Assert.Equal([typeof(T.ChannelAdminLogEventActionDeleteMessage), typeof(T.ChannelAdminLogEventActionUpdatePinned), typeof(T.ChannelAdminLogEventActionUpdatePinned), typeof(T.ChannelAdminLogEventActionEditMessage)],
            all.Take(4).Select(e => e.Action.GetType()));
        Assert.DoesNotContain(Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Promote = true, Invite = true, Join = true }),
            e => e.Action is T.ChannelAdminLogEventActionEditMessage or T.ChannelAdminLogEventActionDeleteMessage or T.ChannelAdminLogEventActionUpdatePinned);
        // A text query finds a message event by the message's text; the admins narrow it to their own.
        var query = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog { Channel = h.InputChannel(a, channelId), Q = "spam", Limit = 50 }));
        Assert.IsType<T.ChannelAdminLogEventActionDeleteMessage>(Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(query.Events)).Action);
        var byAlice = Assert.IsType<T.Channels.AdminLogResults>(h.Call(a, new C.GetAdminLog
        {
            Channel = h.InputChannel(a, channelId), Q = "", Limit = 50, Admins = [h.InputUser(a, a.UserId)], EventsFilter = new T.ChannelAdminLogEventsFilter { Edit = true, Delete = true, Pinned = true },
        }));
        Assert.IsType<T.ChannelAdminLogEventActionEditMessage>(Assert.IsType<T.ChannelAdminLogEvent>(Assert.Single(byAlice.Events)).Action);

        // Admins read the log; an ordinary member still may not.
        Assert.Equal(4, Log(h, b, channelId, new T.ChannelAdminLogEventsFilter { Edit = true, Delete = true, Pinned = true }).Length);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new C.GetAdminLog { Channel = h.InputChannel(c, channelId), Q = "", Limit = 10, EventsFilter = new T.ChannelAdminLogEventsFilter { Delete = true } }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void BroadcastChannelLogsEveryEditDeletionAndUnpinAll()
    {
        var h = new WorldHarness();
        var a = h.Login("9996634444", "Alice");
        var b = h.Login("9996635555", "Bob");
        var c = h.Login("9996636666", "Carol");
        var channelId = Channel(h, a, true, b, c);
        h.Call(a, new C.EditAdmin { Channel = h.InputChannel(a, channelId), UserId = h.InputUser(a, b.UserId), AdminRights = new T.ChatAdminRights { PostMessages = true }, Rank = "" });

        var first = Post(h, a, channelId, "first post");
        var second = Post(h, b, channelId, "second post");
        h.Call(b, new M.EditMessage { Peer = h.PeerChannel(b, channelId), Id = second, Message = "second post, edited" });
        h.Call(a, new M.UpdatePinnedMessage { Peer = h.PeerChannel(a, channelId), Id = first, Silent = true });
        h.Call(a, new M.UpdatePinnedMessage { Peer = h.PeerChannel(a, channelId), Id = second, Silent = true });
        h.Call(a, new M.UnpinAllMessages { Peer = h.PeerChannel(a, channelId) });
        // An admin deleting its own post is logged in a broadcast channel.
        h.Call(b, new C.DeleteMessages { Channel = h.InputChannel(b, channelId), Id = [second] });

        var log = Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Edit = true, Delete = true, Pinned = true });
        Assert.Equal([b.UserId, a.UserId, a.UserId, a.UserId, a.UserId, b.UserId], log.Select(e => e.UserId));
        var deleted = Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionDeleteMessage>(log[0].Action).Message);
        Assert.Equal((second, "second post, edited", true), (deleted.Id, deleted.MessageValue, deleted.Post));
        Assert.Null(deleted.FromId);
        var unpins = log[1..3].Select(e => Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionUpdatePinned>(e.Action).Message)).ToList();
        Assert.All(unpins, m => Assert.False(m.Pinned));
        Assert.Equal([first, second], unpins.Select(m => m.Id).Order());
        Assert.True(Assert.IsType<T.Message>(Assert.IsType<T.ChannelAdminLogEventActionUpdatePinned>(log[3].Action).Message) is { Pinned: true } p && p.Id == second);
        var edit = Assert.IsType<T.ChannelAdminLogEventActionEditMessage>(log[5].Action);
        Assert.Equal("second post", Assert.IsType<T.Message>(edit.PrevMessage).MessageValue);
        Assert.Equal("second post, edited", Assert.IsType<T.Message>(edit.NewMessage).MessageValue);

        Assert.Single(Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Edit = true }));
        Assert.Single(Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Delete = true }));
        Assert.Equal(4, Log(h, a, channelId, new T.ChannelAdminLogEventsFilter { Pinned = true }).Length);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new C.GetAdminLog { Channel = h.InputChannel(c, channelId), Q = "", Limit = 10 }).RawMessage);
        h.AssertClean();
    }
}
