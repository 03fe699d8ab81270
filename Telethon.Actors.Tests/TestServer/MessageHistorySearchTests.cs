using MessagesResult = Telethon.Tl.Abcs.Messages.Messages;
using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>messages.getHistory paging, getMessages by id, messages.search and messages.searchGlobal.</summary>
public sealed class MessageHistorySearchTests
{
    private static int[] Ids(MessagesResult result) => result switch
    {
        T.Messages.Messages m => [.. m.MessagesValue.Select(x => x.Id())],
        T.Messages.MessagesSlice s => [.. s.Messages.Select(x => x.Id())],
        T.Messages.ChannelMessages c => [.. c.Messages.Select(x => x.Id())],
        _ => throw new ArgumentException(result.TlName),
    };

    [Fact]
    public void HistoryPagesTheWayTelegramDocumentsIt()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var dates = new Dictionary<int, int>();
        for (var i = 1; i <= 10; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(10));
            h.Send(a, h.PeerUser(a, b.UserId), $"m{i}");
            dates[i] = (int)h.Time.GetUtcNow().ToUnixTimeSeconds();
        }
        var peer = h.PeerUser(a, b.UserId);
        MessagesResult History(int offsetId = 0, int offsetDate = 0, int addOffset = 0, int limit = 100, int maxId = 0, int minId = 0) =>
            h.Call(a, new M.GetHistory { Peer = peer, OffsetId = offsetId, OffsetDate = offsetDate, AddOffset = addOffset, Limit = limit, MaxId = maxId, MinId = minId });

        // core.telegram.org/api/offsets: newest first, from the first message older than offset_id (or
        // sent before offset_date), shifted by add_offset, at most limit; max_id / min_id bound the ids.
        Assert.IsType<T.Messages.Messages>(History());
        var first = Assert.IsType<T.Messages.MessagesSlice>(History(limit: 3));
        Assert.Equal(10, first.Count);
        Assert.Equal([10, 9, 8], Ids(first));
        Assert.Equal([7, 6, 5], Ids(History(offsetId: 8, limit: 3)));
        Assert.Equal([9, 8, 7, 6], Ids(History(offsetId: 8, addOffset: -2, limit: 4)));
        Assert.Equal([3, 2, 1], Ids(History(offsetId: 1, addOffset: -3, limit: 3)));
        Assert.Equal([6, 5, 4], Ids(History(offsetId: 4, addOffset: -3, limit: 3)));
        Assert.Equal([4, 3, 2], Ids(History(maxId: 5, limit: 3)));
        Assert.Equal([10, 9, 8], Ids(History(minId: 7)));
        Assert.Equal([8, 7, 6], Ids(History(maxId: 9, minId: 5)));
        Assert.Equal([3, 2, 1], Ids(History(offsetDate: dates[4], limit: 5)));
        Assert.Empty(Ids(History(offsetId: 1)));
        var countOnly = Assert.IsType<T.Messages.MessagesSlice>(History(limit: 0));
        Assert.Equal(10, countOnly.Count);
        Assert.Empty(countOnly.Messages);

        // Channels answer channelMessages with the channel's pts and the full count.
        var channelId = h.World.CreateChannel(a.UserId, "Log", broadcast: true);
        for (var i = 0; i < 5; i++)
            h.Send(a, h.PeerChannel(a, channelId), $"c{i}");
        var channelPage = Assert.IsType<T.Messages.ChannelMessages>(h.Call(a, new M.GetHistory { Peer = h.PeerChannel(a, channelId), OffsetId = 5, Limit = 2 }));
        Assert.Equal([4, 3], Ids(channelPage));
        Assert.Equal((6, 6), (channelPage.Count, channelPage.Pts));
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(b, new M.GetHistory { Peer = h.PeerChannel(b, channelId), Limit = 1 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void MessagesByIdGiveEmptyOnesInPlace()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        h.Send(a, h.PeerUser(a, b.UserId), "only one");
        var byId = Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetMessages { Id = [new T.InputMessageID { Id = 5 }, new T.InputMessageID { Id = 1 }] }));
        Assert.Equal(5, Assert.IsType<T.MessageEmpty>(byId.MessagesValue[0]).Id);
        Assert.Equal("only one", Assert.IsType<T.Message>(byId.MessagesValue[1]).MessageValue);

        var channelId = h.World.CreateChannel(a.UserId, "Group", broadcast: false, memberIds: [b.UserId]);
        var post = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, channelId), "pin me"))[1]).Message.Id();
        var input = h.InputChannel(b, channelId);
        Assert.IsType<T.MessageEmpty>(Assert.IsType<T.Messages.ChannelMessages>(h.Call(b, new C.GetMessages { Channel = input, Id = [new T.InputMessagePinned()] })).Messages[0]);
        h.Call(a, new M.UpdatePinnedMessage { Peer = h.PeerChannel(a, channelId), Id = post });
        var pinned = Assert.IsType<T.Message>(Assert.IsType<T.Messages.ChannelMessages>(h.Call(b, new C.GetMessages { Channel = input, Id = [new T.InputMessagePinned(), new T.InputMessageID { Id = 99 }] })).Messages[0]);
        Assert.Equal((post, true), (pinned.Id, pinned.Pinned));
        Assert.Equal("MESSAGE_IDS_EMPTY", h.Fail(b, new C.GetMessages { Channel = input, Id = [] }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void SearchMatchesWordPrefixesSendersFiltersAndDates()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var start = (int)h.Time.GetUtcNow().ToUnixTimeSeconds();
        string[] texts = ["hello world", "help me", "say Hello", "nothing here", "see https://example.org"];
        foreach (var text in texts)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            if (text.StartsWith("see", StringComparison.Ordinal))
                h.Call(a, new M.SendMessage { Peer = h.PeerUser(a, b.UserId), Message = text, RandomId = 555, Entities = [new T.MessageEntityUrl { Offset = 4, Length = 19 }] });
            else
                h.Send(a, h.PeerUser(a, b.UserId), text);
        }
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Send(b, h.PeerUser(b, a.UserId), "hello from B");
        var peer = h.PeerUser(b, a.UserId);
        MessagesResult Search(string q, MessagesFilter? filter = null, InputPeer? from = null, int offsetId = 0, int limit = 20, int minDate = 0, int maxDate = 0) =>
            h.Call(b, new M.Search { Peer = peer, Q = q, Filter = filter ?? new T.InputMessagesFilterEmpty(), FromId = from, OffsetId = offsetId, Limit = limit, MinDate = minDate, MaxDate = maxDate });

        // B's ids: 1..5 are A's messages in order, 6 is its own.
        Assert.Equal([6, 3, 2, 1], Ids(Search("hel")));
        Assert.Empty(Ids(Search("llo")));
        Assert.Equal([3, 1], Ids(Search("HELLO", from: h.PeerUser(b, a.UserId))));
        Assert.Equal([1], Ids(Search("world hel")));
        var page = Assert.IsType<T.Messages.MessagesSlice>(Search("hel", limit: 2));
        Assert.Equal(4, page.Count);
        Assert.Equal([6, 3], Ids(page));
        Assert.Equal([2, 1], Ids(Search("hel", offsetId: 3, limit: 2)));
        Assert.Equal([5], Ids(Search("", new T.InputMessagesFilterUrl())));
        Assert.Empty(Ids(Search("", new T.InputMessagesFilterPhotos())));
        Assert.Equal([3, 2], Ids(Search("", minDate: start + 120, maxDate: start + 180)));
        Assert.Equal("INPUT_FILTER_INVALID", h.Fail(b, new M.Search { Peer = peer, Q = "", Filter = new T.InputMessagesFilterMyMentions(), Limit = 5 }).RawMessage);

        h.Call(b, new M.UpdatePinnedMessage { Peer = peer, Id = 2 });
        Assert.Equal([2], Ids(Search("", new T.InputMessagesFilterPinned())));
        h.AssertClean();
    }

    [Fact]
    public void GlobalSearchPagesOverEveryChatByDate()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var chatId = h.World.CreateChat(a.UserId, "Group", [b.UserId]);
        var channelId = h.World.CreateChannel(c.UserId, "Board", broadcast: false, memberIds: [b.UserId]);
        var hiddenId = h.World.CreateChannel(c.UserId, "Hidden", broadcast: true);
        var expected = new List<(long Peer, string Text)>();
        for (var i = 0; i < 3; i++)
        {
            h.Send(a, h.PeerUser(a, b.UserId), $"match private {i}");
            expected.Add((a.UserId, $"match private {i}"));
            h.Send(a, new T.InputPeerChat { ChatId = chatId }, $"match group {i}");
            expected.Add((chatId, $"match group {i}"));
            h.Time.Advance(TimeSpan.FromSeconds(1));
            h.Send(c, h.PeerChannel(c, channelId), $"match channel {i}");
            expected.Add((channelId, $"match channel {i}"));
            h.Send(c, h.PeerChannel(c, hiddenId), "match hidden");
            h.Send(a, h.PeerUser(a, b.UserId), "no luck");
        }

        var seen = new List<(long Peer, string Text)>();
        int offsetRate = 0, offsetId = 0;
        InputPeer offsetPeer = new T.InputPeerEmpty();
        var previousDate = int.MaxValue;
        for (var round = 0; round < 10; round++)
        {
            var result = h.Call(b, new M.SearchGlobal { Q = "match", Filter = new T.InputMessagesFilterEmpty(), OffsetRate = offsetRate, OffsetPeer = offsetPeer, OffsetId = offsetId, Limit = 4 });
            var slice = Assert.IsType<T.Messages.MessagesSlice>(result);
            Assert.Equal(9, slice.Count);
            var messages = slice.Messages.Cast<T.Message>().ToList();
            foreach (var m in messages)
            {
                Assert.True(m.Date <= previousDate);
                previousDate = m.Date;
                long peerId = m.PeerId switch { T.PeerUser u => u.UserId, T.PeerChat ch => ch.ChatId, T.PeerChannel chn => chn.ChannelId, _ => 0 };
                seen.Add((peerId, m.MessageValue));
            }
            if (slice.NextRate is not { } next)
                break;
            Assert.Equal(messages[^1].Date, next);
            var last = messages[^1];
            offsetRate = next;
            offsetId = last.Id;
            offsetPeer = last.PeerId switch
            {
                T.PeerUser u => h.PeerUser(b, u.UserId),
                T.PeerChat ch => new T.InputPeerChat { ChatId = ch.ChatId },
                T.PeerChannel chn => h.PeerChannel(b, chn.ChannelId),
                _ => new T.InputPeerEmpty(),
            };
        }
        Assert.Equal(expected.OrderBy(e => e.Text), seen.OrderBy(e => e.Text));

        var all = Assert.IsType<T.Messages.Messages>(h.Call(b, new M.SearchGlobal { Q = "match channel", Filter = new T.InputMessagesFilterEmpty(), OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        Assert.Equal(3, all.MessagesValue.Length);
        Assert.Contains(all.Chats, ch => ch is T.Channel { Id: var id } && id == channelId);
        Assert.Equal(3, Assert.IsType<T.Messages.Messages>(h.Call(b, new M.SearchGlobal { UsersOnly = true, Q = "match", Filter = new T.InputMessagesFilterEmpty(), OffsetPeer = new T.InputPeerEmpty(), Limit = 10 })).MessagesValue.Length);
        Assert.Equal("SEARCH_QUERY_EMPTY", h.Fail(b, new M.SearchGlobal { Q = "", Filter = new T.InputMessagesFilterEmpty(), OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }).RawMessage);
        h.AssertClean();
    }
}
