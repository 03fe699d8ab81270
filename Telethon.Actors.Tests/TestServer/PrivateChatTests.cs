using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

public sealed class PrivateChatTests
{
    [Fact]
    public void EachSideGetsItsOwnMessageIdAndPts()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A", "user_a");
        var b = h.Login("9996622222", "B", "user_b");
        var c = h.Login("9996623333", "C", "user_c");
        var aSecond = h.SameKey(a);

        h.Send(c, h.PeerUser(c, b.UserId), "first for B");
        b.Sink.Clear();

        var sent = Assert.IsType<T.UpdateShortSentMessage>(h.Send(a, h.PeerUser(a, b.UserId), "Hey, welcome!"));
        Assert.True(sent.Out);
        Assert.Equal(1, sent.Id);
        Assert.Equal(1, sent.Pts);
        Assert.Equal(1, sent.PtsCount);

        var received = Assert.IsType<T.UpdateShortMessage>(Assert.Single(b.Sink.Pushes));
        Assert.False(received.Out);
        Assert.Equal(2, received.Id);
        Assert.Equal(2, received.Pts);
        Assert.Equal(1, received.PtsCount);
        Assert.Equal(a.UserId, received.UserId);
        Assert.Equal("Hey, welcome!", received.Message);

        Assert.Empty(a.Sink.Pushes);
        var mirrored = Assert.IsType<T.UpdateShortMessage>(Assert.Single(aSecond.Sink.Pushes));
        Assert.True(mirrored.Out);
        Assert.Equal(1, mirrored.Id);
        Assert.Equal(b.UserId, mirrored.UserId);

        var truth = h.Truth.Records.Where(r => r.Account == b.UserId).ToList();
        Assert.Equal([("updateNewMessage", 1, 1), ("updateNewMessage", 2, 2)], truth.Select(r => (r.Kind, r.Pts, r.MessageId!.Value)).ToList());
        h.AssertClean();
    }

    [Fact]
    public void HistoryDialogsAndMessagesShowTheViewersCopies()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(a, h.PeerUser(a, b.UserId), "one");
        h.Send(b, h.PeerUser(b, a.UserId), "two");
        h.Send(a, h.PeerUser(a, b.UserId), "three");

        var history = Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetHistory { Peer = h.PeerUser(b, a.UserId), Limit = 10 }));
        var messages = history.MessagesValue.Cast<T.Message>().ToList();
        Assert.Equal(["three", "two", "one"], messages.Select(m => m.MessageValue));
        Assert.Equal([false, true, false], messages.Select(m => m.Out));
        Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(messages[0].PeerId).UserId);
        Assert.Null(messages[0].FromId);
        Assert.Contains(history.Users, u => u is T.User { Id: var id } && id == a.UserId);

        var page = Assert.IsType<T.Messages.MessagesSlice>(h.Call(b, new M.GetHistory { Peer = h.PeerUser(b, a.UserId), Limit = 1, OffsetId = 3 }));
        Assert.Equal(3, page.Count);
        Assert.Equal("two", Assert.IsType<T.Message>(Assert.Single(page.Messages)).MessageValue);

        var byId = Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetMessages { Id = [new T.InputMessageID { Id = 2 }, new T.InputMessageID { Id = 99 }] }));
        Assert.Equal("two", Assert.IsType<T.Message>(byId.MessagesValue[0]).MessageValue);
        Assert.IsType<T.MessageEmpty>(byId.MessagesValue[1]);

        var dialogs = Assert.IsType<T.Messages.Dialogs>(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        var dialog = Assert.IsType<T.Dialog>(Assert.Single(dialogs.DialogsValue));
        Assert.Equal(3, dialog.TopMessage);
        Assert.Equal(2, dialog.UnreadCount);
        h.AssertClean();
    }

    [Fact]
    public void EditAndDeleteAdvanceEachOwnersPts()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(a, h.PeerUser(a, b.UserId), "one");
        h.Send(a, h.PeerUser(a, b.UserId), "two");
        h.Send(b, h.PeerUser(b, a.UserId), "three");
        b.Sink.Clear();

        var edited = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = "two!" }));
        var own = Assert.IsType<T.UpdateEditMessage>(Assert.Single(edited.Updates));
        Assert.Equal(4, own.Pts);
        Assert.Equal("two!", Assert.IsType<T.Message>(own.Message).MessageValue);
        var theirs = Assert.IsType<T.UpdateEditMessage>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes)).Updates));
        Assert.Equal(4, theirs.Pts);
        Assert.Equal(2, Assert.IsType<T.Message>(theirs.Message).Id);
        Assert.Equal("MESSAGE_NOT_MODIFIED", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = "two!" }).RawMessage);
        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 3, Message = "not mine" }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 42, Message = "none" }).RawMessage);
        Assert.Equal("MESSAGE_EMPTY", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = " " }).RawMessage);

        b.Sink.Clear();
        var affected = Assert.IsType<T.Messages.AffectedMessages>(h.Call(a, new M.DeleteMessages { Id = [1, 2, 77], Revoke = true }));
        Assert.Equal(2, affected.PtsCount);
        Assert.Equal(6, affected.Pts);
        var deleted = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes)).Updates));
        Assert.Equal(2, deleted.PtsCount);
        Assert.Equal(6, deleted.Pts);
        Assert.Equal([1, 2], deleted.Messages.Order());

        var oneSided = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new M.DeleteMessages { Id = [3] }));
        Assert.Equal(1, oneSided.PtsCount);
        var remaining = Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetHistory { Peer = h.PeerUser(a, b.UserId), Limit = 10 }));
        Assert.Equal("three", Assert.IsType<T.Message>(Assert.Single(remaining.MessagesValue)).MessageValue);
        var none = Assert.IsType<T.Messages.AffectedMessages>(h.Call(a, new M.DeleteMessages { Id = [100] }));
        Assert.Equal(0, none.PtsCount);
        Assert.Equal(6, none.Pts);

        var truth = h.Truth.Records.Where(r => r.Account == b.UserId && r.Kind == "updateDeleteMessages").ToList();
        Assert.Equal([2, 1], truth.Select(r => r.PtsCount));
        h.AssertClean();
    }

    [Fact]
    public void ReadingTellsTheSenderWithItsOwnIds()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, a.UserId), "noise for A");
        h.Send(a, h.PeerUser(a, b.UserId), "hello");
        a.Sink.Clear();

        var affected = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new M.ReadHistory { Peer = h.PeerUser(b, a.UserId), MaxId = 0 }));
        Assert.Equal(1, affected.PtsCount);
        var outbox = Assert.IsType<T.UpdateReadHistoryOutbox>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(a.Sink.Pushes)).Updates));
        Assert.Equal(2, outbox.MaxId);
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(outbox.Peer).UserId);
        var again = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new M.ReadHistory { Peer = h.PeerUser(b, a.UserId), MaxId = 0 }));
        Assert.Equal(0, again.PtsCount);
    }

    [Fact]
    public void AccessHashesArePerViewerAndChecked()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        Assert.NotEqual(h.World.AccessHash(a.UserId, new PeerKey(PeerKind.User, c.UserId)), h.World.AccessHash(b.UserId, new PeerKey(PeerKind.User, c.UserId)));

        var borrowed = new T.InputPeerUser { UserId = c.UserId, AccessHash = h.PeerUser(b, c.UserId).AccessHash };
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new M.SendMessage { Peer = borrowed, Message = "hi", RandomId = 5 }).RawMessage);
        Assert.Equal("USER_ID_INVALID", h.Fail(a, new TF.Users.GetUsers { Id = [new T.InputUser { UserId = c.UserId, AccessHash = 1 }] }).RawMessage);
        Assert.Equal("USER_ID_INVALID", h.Fail(a, new TF.Users.GetFullUser { Id = new T.InputUser { UserId = 999, AccessHash = 0 } }).RawMessage);
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new M.SendMessage { Peer = new T.InputPeerChat { ChatId = 5 }, Message = "hi", RandomId = 6 }).RawMessage);

        var users = h.Call(a, new TF.Users.GetUsers { Id = [h.InputUser(a, c.UserId), new T.InputUserSelf()] });
        var seen = Assert.IsType<T.User>(users[0]);
        Assert.Equal(h.PeerUser(a, c.UserId).AccessHash, seen.AccessHash);
        Assert.Null(seen.Phone);
        Assert.True(Assert.IsType<T.User>(users[1]).Self);
        var full = Assert.IsType<T.Users.UserFull>(h.Call(a, new TF.Users.GetFullUser { Id = h.InputUser(a, c.UserId) }));
        Assert.Equal(c.UserId, Assert.IsType<T.UserFull>(full.FullUser).Id);
    }

    [Fact]
    public void BadMessagesAreRefused()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        Assert.Equal("MESSAGE_EMPTY", h.Fail(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "", RandomId = 1 }).RawMessage);
        Assert.Equal("MESSAGE_TOO_LONG", h.Fail(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = new string('x', 4097), RandomId = 2 }).RawMessage);
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new M.SendMessage { Peer = new T.InputPeerEmpty(), Message = "x", RandomId = 3 }).RawMessage);
        h.Call(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "once", RandomId = 4 });
        Assert.Equal("RANDOM_ID_DUPLICATE", h.Fail(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "twice", RandomId = 4 }).RawMessage);

        var saved = Assert.IsType<T.UpdateShortSentMessage>(h.Send(a, new T.InputPeerSelf(), "note to self"));
        Assert.Equal(2, saved.Id);
        h.AssertClean();
    }

    [Fact]
    public void ContactsAndResolving()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A", "user_a");
        var b = h.Login("9996622222", "B", "user_b");
        var channel = h.World.CreateChannel(a.UserId, "News", broadcast: true, username: "news_channel");
        h.World.AddContact(a.UserId, b.UserId);
        h.World.AddContact(b.UserId, a.UserId);

        var resolved = Assert.IsType<T.Contacts.ResolvedPeer>(h.Call(a, new TF.Contacts.ResolveUsername { Username = "@USER_B" }));
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(resolved.Peer).UserId);
        var user = Assert.IsType<T.User>(Assert.Single(resolved.Users));
        Assert.True(user.MutualContact);
        Assert.Equal("9996622222", user.Phone);
        var resolvedChannel = Assert.IsType<T.Contacts.ResolvedPeer>(h.Call(b, new TF.Contacts.ResolveUsername { Username = "news_channel" }));
        var view = Assert.IsType<T.Channel>(Assert.Single(resolvedChannel.Chats));
        Assert.Equal(channel, view.Id);
        Assert.True(view.Left);
        Assert.Equal(h.InputChannel(b, channel).AccessHash, view.AccessHash);
        Assert.Equal("USERNAME_NOT_OCCUPIED", h.Fail(a, new TF.Contacts.ResolveUsername { Username = "nobody_here" }).RawMessage);
        Assert.Equal("USERNAME_INVALID", h.Fail(a, new TF.Contacts.ResolveUsername { Username = "a b" }).RawMessage);

        var byPhone = Assert.IsType<T.Contacts.ResolvedPeer>(h.Call(a, new TF.Contacts.ResolvePhone { Phone = "+9996622222" }));
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(byPhone.Peer).UserId);
        Assert.Equal("PHONE_NOT_OCCUPIED", h.Fail(a, new TF.Contacts.ResolvePhone { Phone = "9996629999" }).RawMessage);

        var contacts = Assert.IsType<T.Contacts.Contacts>(h.Call(a, new TF.Contacts.GetContacts { Hash = 0 }));
        var contact = Assert.IsType<T.Contact>(Assert.Single(contacts.ContactsValue));
        Assert.True(contact.Mutual);
        Assert.Equal(b.UserId, contact.UserId);
        Assert.IsType<T.Contacts.ContactsNotModified>(h.Call(a, new TF.Contacts.GetContacts { Hash = TelegramWorld.ContactsHash([b.UserId]) }));
    }
}
