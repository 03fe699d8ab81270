using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

public sealed class DialogMethodsTests
{
    private static (long Kind, long Id) Key(Peer peer) => peer switch
    {
        T.PeerUser u => (0, u.UserId),
        T.PeerChat c => (1, c.ChatId),
        T.PeerChannel c => (2, c.ChannelId),
        _ => throw new ArgumentException(peer.TlName),
    };

    private static InputPeer InputOf(WorldHarness h, TestSession viewer, Peer peer) => peer switch
    {
        T.PeerUser u => h.PeerUser(viewer, u.UserId),
        T.PeerChat c => new T.InputPeerChat { ChatId = c.ChatId },
        T.PeerChannel c => h.PeerChannel(viewer, c.ChannelId),
        _ => throw new ArgumentException(peer.TlName),
    };

    private static Message TopOf(Telethon.Tl.Abcs.Messages.Dialogs answer, T.Dialog dialog)
    {
        var messages = answer switch
        {
            T.Messages.Dialogs d => d.Messages,
            T.Messages.DialogsSlice s => s.Messages,
            _ => throw new ArgumentException(answer.TlName),
        };
        return messages.Single(m => m switch
        {
            T.Message x => x.Id == dialog.TopMessage && Key(x.PeerId) == Key(dialog.Peer),
            T.MessageService x => x.Id == dialog.TopMessage && Key(x.PeerId) == Key(dialog.Peer),
            _ => false,
        });
    }

    private static int DateOf(Message message) => message switch
    {
        T.Message m => m.Date,
        T.MessageService s => s.Date,
        _ => throw new ArgumentException(message.TlName),
    };

    private static T.Dialog[] DialogsOf(Telethon.Tl.Abcs.Messages.Dialogs answer) => answer switch
    {
        T.Messages.Dialogs d => [.. d.DialogsValue.Cast<T.Dialog>()],
        T.Messages.DialogsSlice s => [.. s.Dialogs.Cast<T.Dialog>()],
        _ => throw new ArgumentException(answer.TlName),
    };

    [Fact]
    public void DialogPagesWalkThePinnedThenTheRestWithoutGapsOrRepeats()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var others = Enumerable.Range(0, 9).Select(i => h.Login($"99966200{i:D2}", $"U{i}")).ToList();
        for (var i = 0; i < others.Count; i++)
        {
            h.Send(others[i], h.PeerUser(others[i], a.UserId), $"hello {i}");
            if (i % 3 != 0)
                h.Time.Advance(TimeSpan.FromSeconds(1)); // some share a date: the top message id and the peer break the tie
        }
        var chatId = h.World.CreateChat(a.UserId, "Small", [others[0].UserId]);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var channelId = h.World.CreateChannel(a.UserId, "Big", broadcast: false, memberIds: [others[1].UserId]);
        h.Send(others[2], h.PeerUser(others[2], a.UserId), "latest");

        Assert.True(h.Call(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[4].UserId) } }));
        Assert.True(h.Call(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = new T.InputPeerChat { ChatId = chatId } } }));

        var whole = Assert.IsType<T.Messages.Dialogs>(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 100 }));
        var all = DialogsOf(whole);
        Assert.Equal(11, all.Length);
        Assert.Equal((1L, chatId), Key(all[0].Peer));
        Assert.Equal((0L, others[4].UserId), Key(all[1].Peer));
        Assert.True(all[0].Pinned && all[1].Pinned && !all[2].Pinned);
        Assert.Equal((0L, others[2].UserId), Key(all[2].Peer));
        var rest = all.Skip(2).Select(d => DateOf(TopOf(whole, d))).ToList();
        Assert.Equal(rest.OrderByDescending(d => d), rest);
        var channelDialog = all.Single(d => d.Peer is T.PeerChannel);
        Assert.Equal(channelId, ((T.PeerChannel)channelDialog.Peer).ChannelId);
        Assert.NotNull(channelDialog.Pts);

        foreach (var pageSize in new[] { 1, 2, 3, 4 })
        {
            var walked = new List<(long, long)>();
            var answer = h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = pageSize });
            while (true)
            {
                var page = DialogsOf(answer);
                if (page.Length == 0)
                    break;
                Assert.Equal(11, Assert.IsType<T.Messages.DialogsSlice>(answer).Count);
                walked.AddRange(page.Select(d => Key(d.Peer)));
                var last = page[^1];
                var top = TopOf(answer, last);
                answer = h.Call(a, new M.GetDialogs { OffsetDate = DateOf(top), OffsetId = last.TopMessage, OffsetPeer = InputOf(h, a, last.Peer), Limit = pageSize });
            }
            Assert.Equal(all.Select(d => Key(d.Peer)), walked);
        }

        var unpinnedOnly = DialogsOf(h.Call(a, new M.GetDialogs { ExcludePinned = true, OffsetPeer = new T.InputPeerEmpty(), Limit = 100 }));
        Assert.Equal(all.Skip(2).Select(d => Key(d.Peer)), unpinnedOnly.Select(d => Key(d.Peer)));
        Assert.Equal("FOLDER_ID_INVALID", h.Fail(a, new M.GetDialogs { FolderId = 2, OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }).RawMessage);
        Assert.Equal("OFFSET_PEER_ID_INVALID", h.Fail(a, new M.GetDialogs { OffsetDate = 1, OffsetPeer = new T.InputPeerUser { UserId = others[0].UserId, AccessHash = 1 }, Limit = 10 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void PinsAreCheckedLimitedAndSyncedToOtherSessions()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aOther = h.Login("9996621111", "A");
        var others = Enumerable.Range(0, 7).Select(i => h.Login($"99966200{i:D2}", $"U{i}")).ToList();
        Assert.Equal("PEER_HISTORY_EMPTY", h.Fail(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[0].UserId) } }).RawMessage);
        foreach (var other in others)
        {
            h.Send(other, h.PeerUser(other, a.UserId), "hi");
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }
        var hidden = h.World.CreateChannel(others[0].UserId, "Hidden", broadcast: true);
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerChannel(a, hidden) } }).RawMessage);
        a.Sink.Clear();
        aOther.Sink.Clear();

        for (var i = 0; i < MessagesService.PinnedDialogsMax; i++)
            Assert.True(h.Call(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[i].UserId) } }));
        Assert.Equal("PINNED_DIALOGS_TOO_MUCH", h.Fail(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[6].UserId) } }).RawMessage);
        Assert.Empty(a.Sink.Pushes);
        var pinnedPushes = aOther.Sink.Pushes.Select(p => Assert.IsType<T.UpdateDialogPinned>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(p).Updates))).ToList();
        Assert.Equal(MessagesService.PinnedDialogsMax, pinnedPushes.Count);
        Assert.All(pinnedPushes, p => Assert.True(p.Pinned));
        Assert.Equal(others[0].UserId, Assert.IsType<T.PeerUser>(Assert.IsType<T.DialogPeer>(pinnedPushes[0].Peer).Peer).UserId);

        // Pinning a pinned dialog changes nothing and tells nobody.
        aOther.Sink.Clear();
        Assert.True(h.Call(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[1].UserId) } }));
        Assert.Empty(aOther.Sink.Pushes);
        Assert.True(h.Call(a, new M.ToggleDialogPin { Pinned = false, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, others[1].UserId) } }));
        Assert.False(Assert.IsType<T.UpdateDialogPinned>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(aOther.Sink.Pushes)).Updates)).Pinned);

        var pinned = Assert.IsType<T.Messages.PeerDialogs>(h.Call(a, new M.GetPinnedDialogs { FolderId = 0 }));
        Assert.Equal([others[4].UserId, others[3].UserId, others[2].UserId, others[0].UserId], pinned.Dialogs.Select(d => ((T.PeerUser)((T.Dialog)d).Peer).UserId));
        Assert.Equal(4, pinned.Messages.Length);
        Assert.Equal(h.World.GetState(new Caller(a.Context.Session, a.UserId)) is T.Updates.State s ? s.Pts : -1, Assert.IsType<T.Updates.State>(pinned.State).Pts);
        Assert.Equal("FOLDER_ID_INVALID", h.Fail(a, new M.GetPinnedDialogs { FolderId = 3 }).RawMessage);
        Assert.Equal(6, h.Truth.Records.Count(r => r.Account == a.UserId && r.Kind == "updateDialogPinned"));
        h.AssertClean();
    }

    [Fact]
    public void TheArchiveFolderTakesDialogsOutOfTheMainList()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aOther = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(b, h.PeerUser(b, a.UserId), "from B");
        h.Send(c, h.PeerUser(c, a.UserId), "from C");
        h.Call(a, new M.ToggleDialogPin { Pinned = true, Peer = new T.InputDialogPeer { Peer = h.PeerUser(a, b.UserId) } });
        var ptsBefore = Assert.IsType<T.Updates.State>(h.Call(a, new TF.Updates.GetState())).Pts;
        aOther.Sink.Clear();

        var moved = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new TF.Folders.EditPeerFolders
        {
            FolderPeers = [new T.InputFolderPeer { Peer = h.PeerUser(a, b.UserId), FolderId = 1 }],
        }));
        var update = Assert.IsType<T.UpdateFolderPeers>(Assert.Single(moved.Updates));
        Assert.Equal(ptsBefore + 1, update.Pts);
        Assert.Equal(1, update.PtsCount);
        Assert.Equal(1, Assert.IsType<T.FolderPeer>(Assert.Single(update.FolderPeers)).FolderId);
        Assert.Equal(update.Pts, Assert.IsType<T.UpdateFolderPeers>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(aOther.Sink.Pushes)).Updates)).Pts);

        var main = DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        Assert.Equal(c.UserId, Assert.IsType<T.PeerUser>(Assert.Single(main).Peer).UserId);
        var archived = Assert.Single(DialogsOf(h.Call(a, new M.GetDialogs { FolderId = 1, OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(archived.Peer).UserId);
        Assert.Equal(1, archived.FolderId);
        Assert.False(archived.Pinned);
        Assert.Empty(Assert.IsType<T.Messages.PeerDialogs>(h.Call(a, new M.GetPinnedDialogs { FolderId = 0 })).Dialogs);

        var difference = Assert.IsType<T.Updates.Difference>(h.Call(a, new TF.Updates.GetDifference { Pts = ptsBefore, Date = 0, Qts = 0 }));
        Assert.Contains(difference.OtherUpdates, u => u is T.UpdateFolderPeers);
        Assert.Equal("FOLDER_ID_INVALID", h.Fail(a, new TF.Folders.EditPeerFolders { FolderPeers = [new T.InputFolderPeer { Peer = h.PeerUser(a, c.UserId), FolderId = 5 }] }).RawMessage);
        Assert.Contains(h.Truth.Records, r => r.Account == a.UserId && r.Kind == "updateFolderPeers" && r.Pts == update.Pts);
        h.AssertClean();
    }

    [Fact]
    public void DraftsAreSavedShownSyncedAndClearedOnSend()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aSameKey = h.SameKey(a);
        var aOtherKey = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(b, h.PeerUser(b, a.UserId), "hello A");
        a.Sink.Clear();
        aSameKey.Sink.Clear();
        aOtherKey.Sink.Clear();

        Assert.True(h.Call(a, new M.SaveDraft
        {
            Peer = h.PeerUser(a, b.UserId),
            Message = "half typed",
            NoWebpage = true,
            Entities = [new T.MessageEntityBold { Offset = 0, Length = 4 }],
            ReplyTo = new T.InputReplyToMessage { ReplyToMsgId = 1 },
        }));
        Assert.Empty(a.Sink.Pushes);
        Assert.Empty(b.Sink.Pushes);
        foreach (var other in new[] { aSameKey, aOtherKey })
        {
            var pushed = Assert.IsType<T.UpdateDraftMessage>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(other.Sink.Pushes)).Updates));
            Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(pushed.Peer).UserId);
            var draft = Assert.IsType<T.DraftMessage>(pushed.Draft);
            Assert.Equal("half typed", draft.Message);
            Assert.True(draft.NoWebpage);
            Assert.Equal(1, Assert.IsType<T.InputReplyToMessage>(draft.ReplyTo).ReplyToMsgId);
            Assert.IsType<T.MessageEntityBold>(Assert.Single(draft.Entities!));
        }

        var dialog = Assert.Single(DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        Assert.Equal("half typed", Assert.IsType<T.DraftMessage>(dialog.Draft).Message);
        Assert.Null(Assert.Single(DialogsOf(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }))).Draft);

        h.Call(a, new M.SaveDraft { Peer = new T.InputPeerSelf(), Message = "note" });
        var all = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.GetAllDrafts()));
        Assert.Equal(2, all.Updates.Length);
        Assert.All(all.Updates, u => Assert.IsType<T.UpdateDraftMessage>(u));
        Assert.Contains(all.Users, u => u is T.User { Id: var id } && id == b.UserId);

        Assert.Equal("MSG_ID_INVALID", h.Fail(a, new M.SaveDraft { Peer = h.PeerUser(a, b.UserId), Message = "x", ReplyTo = new T.InputReplyToMessage { ReplyToMsgId = 99 } }).RawMessage);
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new M.SaveDraft { Peer = new T.InputPeerUser { UserId = b.UserId, AccessHash = 5 }, Message = "x" }).RawMessage);

        // A send without clear_draft keeps the draft; with it, the draft goes and the other sessions are told.
        h.Send(a, h.PeerUser(a, b.UserId), "not the draft");
        Assert.NotNull(Assert.Single(DialogsOf(h.Call(a, new M.GetDialogs { FolderId = 0, OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })), d => d.Peer is T.PeerUser { UserId: var id } && id == b.UserId).Draft);
        aSameKey.Sink.Clear();
        h.Call(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = "half typed, now sent", RandomId = 77, ClearDraft = true });
        var cleared = aSameKey.Sink.Pushes.OfType<T.UpdatesConstructor>().SelectMany(u => u.Updates).OfType<T.UpdateDraftMessage>().Single();
        Assert.IsType<T.DraftMessageEmpty>(cleared.Draft);
        Assert.Null(DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })).Single(d => d.Peer is T.PeerUser { UserId: var id } && id == b.UserId).Draft);

        // An empty text clears the draft (draftMessageEmpty); clearing nothing tells nobody.
        aSameKey.Sink.Clear();
        Assert.True(h.Call(a, new M.SaveDraft { Peer = new T.InputPeerSelf(), Message = "" }));
        Assert.IsType<T.DraftMessageEmpty>(Assert.IsType<T.UpdateDraftMessage>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(aSameKey.Sink.Pushes)).Updates)).Draft);
        Assert.True(h.Call(a, new M.SaveDraft { Peer = new T.InputPeerSelf(), Message = "" }));
        Assert.Single(aSameKey.Sink.Pushes);
        Assert.Empty(Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.GetAllDrafts())).Updates);

        Assert.Equal(4, h.Truth.Records.Count(r => r.Account == a.UserId && r.Kind == "updateDraftMessage"));
        h.AssertClean();
    }

    [Fact]
    public void DeleteHistoryClearsOneSideOrRevokesBoth()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aOther = h.SameKey(a);
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(a, h.PeerUser(a, b.UserId), "one");
        h.Send(b, h.PeerUser(b, a.UserId), "two");
        h.Send(a, h.PeerUser(a, b.UserId), "three");
        h.Send(a, h.PeerUser(a, c.UserId), "for C");
        b.Sink.Clear();
        aOther.Sink.Clear();

        // just_clear with max_id: only the caller's copies up to it, even with revoke.
        var cleared = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 2, JustClear = true, Revoke = true }));
        Assert.Equal(2, cleared.PtsCount);
        Assert.Equal(6, cleared.Pts);
        Assert.Equal(0, cleared.Offset);
        Assert.Empty(b.Sink.Pushes);
        var own = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(aOther.Sink.Pushes)).Updates));
        Assert.Equal([2, 1], own.Messages);
        var left = Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetHistory { Peer = h.PeerUser(a, b.UserId), Limit = 10 }));
        Assert.Equal("three", Assert.IsType<T.Message>(Assert.Single(left.MessagesValue)).MessageValue);
        Assert.Equal(3, Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetHistory { Peer = h.PeerUser(b, a.UserId), Limit = 10 })).MessagesValue.Length);

        // revoke: the other side's copies go too, each with its own ids and pts.
        var revoked = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0, Revoke = true }));
        Assert.Equal(1, revoked.PtsCount);
        Assert.Equal(7, revoked.Pts);
        var theirs = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes)).Updates));
        Assert.Equal([3], theirs.Messages);
        Assert.Equal(4, theirs.Pts);
        Assert.Equal(c.UserId, Assert.IsType<T.PeerUser>(Assert.Single(DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }))).Peer).UserId);
        Assert.Equal(2, Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetHistory { Peer = h.PeerUser(b, a.UserId), Limit = 10 })).MessagesValue.Length);

        var nothing = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0 }));
        Assert.Equal(0, nothing.PtsCount);
        Assert.Equal(7, nothing.Pts);
        var channel = h.World.CreateChannel(a.UserId, "Ch", broadcast: false);
        Assert.Equal("PEER_ID_INVALID", h.Fail(a, new M.DeleteHistory { Peer = h.PeerChannel(a, channel), MaxId = 0 }).RawMessage);
        var chat = h.World.CreateChat(a.UserId, "G", [b.UserId]);
        Assert.Equal("CHAT_REVOKE_DATE_UNSUPPORTED", h.Fail(a, new M.DeleteHistory { Peer = new T.InputPeerChat { ChatId = chat }, MaxId = 0, MinDate = 1 }).RawMessage);

        var truth = h.Truth.Records.Where(r => r.Account == b.UserId && r.Kind == "updateDeleteMessages").Select(r => (r.Pts, r.PtsCount)).ToList();
        Assert.Equal([(4, 1)], truth);
        h.AssertClean();
    }

    [Fact]
    public void JustClearKeepsTheDialogListedWithoutATopMessage()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(b, h.PeerUser(b, a.UserId), "one");
        h.Send(b, h.PeerUser(b, a.UserId), "two");

        var cleared = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0, JustClear = true }));
        Assert.Equal(2, cleared.PtsCount);
        var answer = Assert.IsType<T.Messages.Dialogs>(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        var dialog = Assert.IsType<T.Dialog>(Assert.Single(answer.DialogsValue));
        Assert.Equal(0, dialog.TopMessage);
        Assert.Equal(0, dialog.UnreadCount);
        Assert.Empty(answer.Messages);
        Assert.Contains(answer.Users, u => u is T.User { Id: var id } && id == b.UserId);

        h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0 });
        Assert.Empty(DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        h.AssertClean();
    }

    [Fact]
    public void SupergroupHistoryIsHiddenForTheCallerOrDeletedForEveryoneByAnAdmin()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aOther = h.SameKey(a);
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var group = h.World.CreateChannel(a.UserId, "SG", broadcast: false, memberIds: [b.UserId]);
        h.Send(a, h.PeerChannel(a, group), "first");
        h.Send(b, h.PeerChannel(b, group), "second");
        b.Sink.Clear();

        var hidden = Assert.IsType<T.UpdatesConstructor>(h.Call(b, new C.DeleteHistory { Channel = h.InputChannel(b, group), MaxId = 0 }));
        var available = Assert.IsType<T.UpdateChannelAvailableMessages>(Assert.Single(hidden.Updates));
        Assert.Equal(4, available.AvailableMinId);
        var bDialog = Assert.Single(DialogsOf(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        Assert.Equal(0, bDialog.TopMessage);
        Assert.Equal(4, Assert.Single(DialogsOf(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }))).TopMessage);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new C.DeleteHistory { Channel = h.InputChannel(b, group), MaxId = 0, ForEveryone = true }).RawMessage);
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(c, new C.DeleteHistory { Channel = h.InputChannel(c, group), MaxId = 0 }).RawMessage);
        var news = h.World.CreateChannel(a.UserId, "News", broadcast: true);
        Assert.Equal("CHANNEL_INVALID", h.Fail(a, new C.DeleteHistory { Channel = h.InputChannel(a, news), MaxId = 0 }).RawMessage);

        aOther.Sink.Clear();
        var everyone = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.DeleteHistory { Channel = h.InputChannel(a, group), MaxId = 3, ForEveryone = true }));
        var deleted = Assert.IsType<T.UpdateDeleteChannelMessages>(Assert.Single(everyone.Updates));
        Assert.Equal([1, 2, 3], deleted.Messages);
        Assert.Equal(3, deleted.PtsCount);
        Assert.Equal(deleted.Pts, Assert.IsType<T.UpdateDeleteChannelMessages>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(b.Sink.Pushes[^1]).Updates)).Pts);
        Assert.Single(aOther.Sink.Pushes);
        var history = Assert.IsType<T.Messages.ChannelMessages>(h.Call(a, new M.GetHistory { Peer = h.PeerChannel(a, group), Limit = 10 }));
        Assert.Equal("second", Assert.IsType<T.Message>(Assert.Single(history.Messages)).MessageValue);
        Assert.Contains(h.Truth.Records, r => r.Account == b.UserId && r.Kind == "updateChannelAvailableMessages" && r.MessageId == 4);
        h.AssertClean();
    }

    [Fact]
    public void DeleteHistoryOfALongChatGoesInChunks()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var total = MessagesService.DeleteHistoryChunk + 3;
        for (var i = 0; i < total; i++)
            h.World.SendMessage(new Caller(a.Context.Session, a.UserId), h.PeerUser(a, b.UserId), $"m{i}", i + 1);

        var first = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0, Revoke = true }));
        Assert.Equal(MessagesService.DeleteHistoryChunk, first.PtsCount);
        Assert.Equal(3, first.Offset);
        var second = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.DeleteHistory { Peer = h.PeerUser(a, b.UserId), MaxId = 0, Revoke = true }));
        Assert.Equal(3, second.PtsCount);
        Assert.Equal(0, second.Offset);
        Assert.Equal(2 * total, second.Pts);
        Assert.Equal(2 * total, Assert.IsType<T.Updates.State>(h.Call(b, new TF.Updates.GetState())).Pts);
        Assert.Empty(DialogsOf(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        h.AssertClean();
    }

    [Fact]
    public void SmallGroupMembersLeaveOrAreRemovedByTheirInviterOrTheCreator()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var d = h.Login("9996624444", "D");
        var chat = h.World.CreateChat(a.UserId, "G", [b.UserId, c.UserId, d.UserId]);
        h.Send(c, new T.InputPeerChat { ChatId = chat }, "C speaks");

        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.DeleteChatUser { ChatId = chat, UserId = h.InputUser(b, c.UserId) }).RawMessage);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.DeleteChatUser { ChatId = chat, UserId = h.InputUser(b, a.UserId) }).RawMessage);
        Assert.Equal("CHAT_ID_INVALID", h.Fail(b, new M.DeleteChatUser { ChatId = chat + 100, UserId = new T.InputUserSelf() }).RawMessage);
        Assert.Equal("USER_ID_INVALID", h.Fail(b, new M.DeleteChatUser { ChatId = chat, UserId = new T.InputUser { UserId = c.UserId, AccessHash = 3 } }).RawMessage);
        foreach (var s in new[] { a, b, c, d })
            s.Sink.Clear();

        // The creator removes C, with its history.
        var kicked = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.DeleteChatUser { ChatId = chat, UserId = h.InputUser(a, c.UserId), RevokeHistory = true }));
        var service = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(Assert.Single(kicked.Updates)).Message);
        Assert.Equal(c.UserId, Assert.IsType<T.MessageActionChatDeleteUser>(service.Action).UserId);
        Assert.True(service.Out);
        Assert.Empty(a.Sink.Pushes);
        foreach (var member in new[] { b, d })
        {
            var pushed = Assert.IsType<T.UpdatesConstructor>(Assert.Single(member.Sink.Pushes));
            var copy = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(Assert.Single(pushed.Updates)).Message);
            Assert.False(copy.Out);
            Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(copy.FromId).UserId);
            Assert.False(Assert.IsType<T.Chat>(Assert.Single(pushed.Chats)).Left);
        }
        var cPushes = c.Sink.Pushes.Cast<T.UpdatesConstructor>().ToList();
        Assert.Equal(2, cPushes.Count);
        Assert.True(Assert.IsType<T.Chat>(Assert.Single(cPushes[0].Chats)).Left);
        var cDeleted = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(cPushes[1].Updates));
        Assert.Equal(3, cDeleted.PtsCount);
        Assert.Empty(DialogsOf(h.Call(c, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })));
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(c, new M.SendMessage { Peer = new T.InputPeerChat { ChatId = chat }, Message = "back?", RandomId = 9 }).RawMessage);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(a, new M.DeleteChatUser { ChatId = chat, UserId = h.InputUser(a, c.UserId) }).RawMessage);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(c, new M.DeleteChatUser { ChatId = chat, UserId = new T.InputUserSelf() }).RawMessage);

        // B leaves by itself; the others are told.
        foreach (var s in new[] { a, b, c, d })
            s.Sink.Clear();
        var leftAnswer = Assert.IsType<T.UpdatesConstructor>(h.Call(b, new M.DeleteChatUser { ChatId = chat, UserId = new T.InputUserSelf() }));
        Assert.True(Assert.IsType<T.Chat>(Assert.Single(leftAnswer.Chats)).Left);
        Assert.Single(a.Sink.Pushes);
        Assert.Single(d.Sink.Pushes);
        Assert.Empty(c.Sink.Pushes);
        var group = Assert.IsType<T.Chat>(Assert.Single(Assert.IsType<T.Messages.Chats>(h.Call(a, new M.GetChats { Id = [chat] })).ChatsValue));
        Assert.Equal(2, group.ParticipantsCount);
        Assert.Equal(3, group.Version);

        var bTruth = h.Truth.Records.Where(r => r.Account == b.UserId && r.Kind == "updateNewMessage").Select(r => r.Pts).ToList();
        Assert.Equal(bTruth.Order(), bTruth);
        Assert.Equal(4, bTruth.Count);
        h.AssertClean();
    }

    [Fact]
    public void FormerMembersStillSeeTheGroupAsLeft()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var chat = h.World.CreateChat(a.UserId, "G", [b.UserId]);
        var answer = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new M.DeleteChatUser { ChatId = chat, UserId = h.InputUser(a, b.UserId) }));
        Assert.IsType<T.MessageActionChatDeleteUser>(Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(Assert.Single(answer.Updates)).Message).Action);
        Assert.Equal("CHAT_ID_INVALID", h.Fail(b, new M.GetChats { Id = [chat + 1] }).RawMessage);
        Assert.True(Assert.IsType<T.Chat>(Assert.Single(Assert.IsType<T.Messages.Chats>(h.Call(b, new M.GetChats { Id = [chat] })).ChatsValue)).Left);
        h.AssertClean();
    }

    [Fact]
    public void ContactsAreAddedImportedAndDeletedThroughTheApi()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var aOther = h.SameKey(a);
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(b, h.PeerUser(b, a.UserId), "hi");

        Assert.Equal("CONTACT_NAME_EMPTY", h.Fail(a, new TF.Contacts.AddContact { Id = h.InputUser(a, b.UserId), FirstName = " ", LastName = "", Phone = "" }).RawMessage);
        Assert.Equal("CONTACT_ID_INVALID", h.Fail(a, new TF.Contacts.AddContact { Id = new T.InputUserSelf(), FirstName = "Me", LastName = "", Phone = "" }).RawMessage);
        Assert.Equal("CONTACT_ID_INVALID", h.Fail(a, new TF.Contacts.AddContact { Id = new T.InputUser { UserId = b.UserId, AccessHash = 1 }, FirstName = "B", LastName = "", Phone = "" }).RawMessage);

        var added = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new TF.Contacts.AddContact { Id = h.InputUser(a, b.UserId), FirstName = "Bee", LastName = "Friend", Phone = "", AddPhonePrivacyException = true }));
        Assert.IsType<T.UpdatePeerSettings>(Assert.Single(added.Updates));
        var bSeen = Assert.IsType<T.User>(Assert.Single(added.Users));
        Assert.True(bSeen.Contact);
        Assert.Equal("Bee", bSeen.FirstName);
        Assert.Equal("Friend", bSeen.LastName);
        Assert.Single(aOther.Sink.Pushes.OfType<T.UpdatesConstructor>(), u => u.Updates.Any(x => x is T.UpdatePeerSettings));
        var aSeenByB = Assert.IsType<T.User>(Assert.Single(h.Call(b, new TF.Users.GetUsers { Id = [h.InputUser(b, a.UserId)] })));
        Assert.Equal("9996621111", aSeenByB.Phone);

        var imported = Assert.IsType<T.Contacts.ImportedContacts>(h.Call(a, new TF.Contacts.ImportContacts
        {
            Contacts =
            [
                new T.InputPhoneContact { ClientId = 7, Phone = "+999 662 3333", FirstName = "Cee", LastName = "" },
                new T.InputPhoneContact { ClientId = 8, Phone = "9996629999", FirstName = "Nobody", LastName = "" },
            ],
        }));
        var one = Assert.IsType<T.ImportedContact>(Assert.Single(imported.Imported));
        Assert.Equal((c.UserId, 7L), (one.UserId, one.ClientId));
        Assert.Equal("Cee", Assert.IsType<T.User>(Assert.Single(imported.Users)).FirstName);

        var contacts = Assert.IsType<T.Contacts.Contacts>(h.Call(a, new TF.Contacts.GetContacts { Hash = 0 }));
        Assert.Equal(new[] { b.UserId, c.UserId }.Order(), contacts.ContactsValue.Select(x => ((T.Contact)x).UserId));
        Assert.Equal(2, contacts.SavedCount);
        long[] hashed = [contacts.SavedCount, .. contacts.ContactsValue.Select(x => ((T.Contact)x).UserId)];
        Assert.IsType<T.Contacts.ContactsNotModified>(h.Call(a, new TF.Contacts.GetContacts { Hash = TelegramWorld.ContactsHash(hashed) }));

        var deleted = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new TF.Contacts.DeleteContacts { Id = [h.InputUser(a, b.UserId)] }));
        var bAfter = Assert.IsType<T.User>(Assert.Single(deleted.Users));
        Assert.False(bAfter.Contact);
        Assert.Equal("B", bAfter.FirstName);
        Assert.Null(Assert.IsType<T.User>(Assert.Single(h.Call(b, new TF.Users.GetUsers { Id = [h.InputUser(b, a.UserId)] }))).Phone);
        Assert.Equal(c.UserId, Assert.IsType<T.Contact>(Assert.Single(Assert.IsType<T.Contacts.Contacts>(h.Call(a, new TF.Contacts.GetContacts { Hash = 0 })).ContactsValue)).UserId);
        Assert.Equal("CONTACT_ID_INVALID", h.Fail(a, new TF.Contacts.DeleteContacts { Id = [new T.InputUser { UserId = 5, AccessHash = 5 }] }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void ChannelsAreShownOrForbiddenByWhatTheCallerMaySee()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var secret = h.World.CreateChannel(a.UserId, "Secret", broadcast: true);
        var open = h.World.CreateChannel(a.UserId, "Open", broadcast: false, username: "open_group");

        var seen = Assert.IsType<T.Messages.Chats>(h.Call(b, new C.GetChannels { Id = [h.InputChannel(b, secret), h.InputChannel(b, open)] }));
        var forbidden = Assert.IsType<T.ChannelForbidden>(seen.ChatsValue[0]);
        Assert.Equal(secret, forbidden.Id);
        Assert.True(forbidden.Broadcast);
        Assert.Equal("Secret", forbidden.Title);
        var visible = Assert.IsType<T.Channel>(seen.ChatsValue[1]);
        Assert.True(visible.Left);
        Assert.True(visible.Megagroup);
        var own = Assert.IsType<T.Channel>(Assert.Single(Assert.IsType<T.Messages.Chats>(h.Call(a, new C.GetChannels { Id = [h.InputChannel(a, secret)] })).ChatsValue));
        Assert.True(own.Creator);
        Assert.Equal("CHANNEL_INVALID", h.Fail(b, new C.GetChannels { Id = [new T.InputChannel { ChannelId = secret, AccessHash = 1 }] }).RawMessage);
        Assert.Equal("CHANNEL_INVALID", h.Fail(b, new C.GetChannels { Id = [new T.InputChannel { ChannelId = 42, AccessHash = 1 }] }).RawMessage);
        h.AssertClean();
    }
}
