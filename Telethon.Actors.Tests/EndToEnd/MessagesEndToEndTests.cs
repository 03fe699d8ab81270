using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Model;
using Telethon.Tests.Support;
using Client = Telethon.Client;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.EndToEnd;

/// <summary>The message methods of the client and the aliases of <see cref="Message"/>, end to end against the test server:
/// their results, Telegram's errors, and what the other account receives.</summary>
public sealed class MessagesEndToEndTests
{
    private sealed record Pair(EndToEndServer Server, Client Alice, Client Bob, User AliceMe, User BobMe, User BobAtAlice,
        ConcurrentQueue<Event> AtBob);

    /// <summary>Alice signed in; Bob signed in (his password) with every event he receives recorded; Alice knows Bob.</summary>
    private static async Task<Pair> PairAsync(EndToEndServer server)
    {
        var runtime = server.Runtime();
        var alice = runtime.GetClient("alice", server.Options());
        var bob = runtime.GetClient("bob", server.Options());
        var atBob = new ConcurrentQueue<Event>();
        bob.On<NewMessage>(e => Record(atBob, e));
        bob.On<MessageEdited>(e => Record(atBob, e));
        bob.On<MessageDeleted>(e => Record(atBob, e));
        bob.On<MessageRead>(e => Record(atBob, e));
        await alice.ConnectAsync();
        await bob.ConnectAsync();
        var aliceMe = (await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222")).User!;
        var login = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        var bobMe = await bob.CheckPasswordAsync(login.PasswordToken!, "correct horse");
        var bobAtAlice = Assert.IsType<User>(await alice.ResolveUsernameAsync("@bobby"));
        return new Pair(server, alice, bob, aliceMe, bobMe, bobAtAlice, atBob);
    }

    private static Task Record(ConcurrentQueue<Event> queue, Event e)
    {
        queue.Enqueue(e);
        return Task.CompletedTask;
    }

    /// <summary>A supergroup Alice creates, with Bob in it; the peer as Alice knows it.</summary>
    private static async Task<Group> MegagroupAsync(Pair p, string title = "Messages M")
    {
        var created = await p.Alice.InvokeAsync(new Fn.Channels.CreateChannel { Megagroup = true, Title = title, About = "" });
        var chat = Assert.Single(Assert.IsType<TlTypes.UpdatesConstructor>(created).Chats);
        var group = Assert.IsType<Group>(Peer.FromRaw(chat));
        await p.Alice.InvokeAsync(new Fn.Channels.InviteToChannel
        {
            Channel = ((ChannelRef)group.Ref).ToInputChannel(),
            Users = [p.BobAtAlice.Ref is UserRef u ? u.ToInputUser() : throw new InvalidOperationException()],
        });
        return group;
    }

    /// <summary>The group as Bob knows it (with his access hash), from the first message he receives in it.</summary>
    private static async Task<Peer> BobsGroupAsync(Pair p, Group group)
    {
        await p.Alice.SendMessageAsync(group, "welcome, Bob");
        await Until<NewMessage>(p.AtBob, e => e.Message.Chat.Id == group.Id, "Bob's first message in the group");
        return Single<NewMessage>(p.AtBob, e => e.Message.Chat.Id == group.Id && e.Message.Text == "welcome, Bob").Message.Chat;
    }

    /// <summary>The id of the message a raw messages.sendMessage sent.</summary>
    private static int SentId(Telethon.Tl.Abcs.UpdatesBase result, long randomId) => result switch
    {
        TlTypes.UpdateShortSentMessage s => s.Id,
        TlTypes.UpdatesConstructor u => u.Updates.OfType<TlTypes.UpdateMessageID>().Single(m => m.RandomId == randomId).Id,
        _ => throw new InvalidOperationException($"unexpected {result.TlName}"),
    };

    private static T Single<T>(ConcurrentQueue<Event> events, Func<T, bool> where) where T : Event =>
        Assert.Single(events.OfType<T>(), e => where(e));

    private static Task Until<T>(ConcurrentQueue<Event> events, Func<T, bool> where, string what) where T : Event =>
        Eventually.UntilAsync(() => events.OfType<T>().Any(where), what);

    [Fact]
    public async Task SendMessageSendsPlainMarkdownAndHtmlAndTheOtherSideGetsTheEntities()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);

        var plain = await p.Alice.SendMessageAsync(p.BobAtAlice, "plain *not bold*");
        Assert.Equal(("plain *not bold*", true, p.BobAtAlice.Id), (plain.Text, plain.IsOutgoing, plain.Chat.Id));
        Assert.Equal(p.AliceMe.Id, plain.Sender?.Id);
        Assert.True(plain.Date > DateTimeOffset.UnixEpoch);

        var markdown = await p.Alice.SendMessageAsync(p.BobAtAlice, markdown: "**bold** and `code`");
        var html = await p.Alice.SendMessageAsync(p.BobAtAlice, html: "<i>it</i> <a href=\"https://example.com/\">link</a>");
        var silentReply = await p.Alice.SendMessageAsync("@bobby", "quiet reply", replyTo: html.Id, silent: true);
        Assert.Equal(html.Id, silentReply.ReplyToMessageId);

        await Until<NewMessage>(p.AtBob, e => e.Message.Text == "quiet reply", "Bob's messages");
        var atBob = p.AtBob.OfType<NewMessage>().Select(e => e.Message).ToArray();
        var plainAtBob = Assert.Single(atBob, m => m.Text == "plain *not bold*");
        Assert.Empty(plainAtBob.Raw is TlTypes.Message { Entities: { } none } ? none : []);

        var boldAtBob = Assert.Single(atBob, m => m.Text == "bold and code");
        var entities = ((TlTypes.Message)boldAtBob.Raw).Entities!;
        Assert.Collection(entities,
            e => Assert.Equal((0, 4), (Assert.IsType<TlTypes.MessageEntityBold>(e).Offset, ((TlTypes.MessageEntityBold)e).Length)),
            e => Assert.Equal((9, 4), (Assert.IsType<TlTypes.MessageEntityCode>(e).Offset, ((TlTypes.MessageEntityCode)e).Length)));
        Assert.Equal("**bold** and `code`", boldAtBob.TextMarkdown);
        Assert.Equal(p.AliceMe.Id, boldAtBob.Sender?.Id);
        Assert.True(boldAtBob.IsIncoming);

        var htmlAtBob = Assert.Single(atBob, m => m.Text == "it link");
        var htmlEntities = ((TlTypes.Message)htmlAtBob.Raw).Entities!;
        Assert.IsType<TlTypes.MessageEntityItalic>(htmlEntities[0]);
        Assert.Equal("https://example.com/", Assert.IsType<TlTypes.MessageEntityTextUrl>(htmlEntities[1]).Url);
        Assert.Contains("<a href=\"https://example.com/\">link</a>", htmlAtBob.TextHtml, StringComparison.Ordinal);
        Assert.False(htmlAtBob.LinkPreview);

        // The reply names Bob's copy of the message (ids are per account in private chats), and it is silent.
        var replyAtBob = Assert.Single(atBob, m => m.Text == "quiet reply");
        Assert.Equal(htmlAtBob.Id, replyAtBob.ReplyToMessageId);
        Assert.True(replyAtBob.IsSilent);
        Assert.Equal(htmlAtBob.Id, (await replyAtBob.GetRepliedMessageAsync())?.Id);

        // Exactly one kind of text.
        await Assert.ThrowsAsync<ArgumentException>(() => p.Alice.SendMessageAsync(p.BobAtAlice));
        await Assert.ThrowsAsync<ArgumentException>(() => p.Alice.SendMessageAsync(p.BobAtAlice, "a", markdown: "b"));
        var empty = await Assert.ThrowsAsync<RpcError>(() => p.Alice.SendMessageAsync(p.BobAtAlice, " "));
        Assert.Equal(("MESSAGE_EMPTY", 400), (empty.Name, empty.Code));
    }

    [Fact]
    public async Task SendMessageReturnsTheSentMessageInGroupsAndChannels()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var group = await MegagroupAsync(p);

        var inGroup = await p.Alice.SendMessageAsync(group, markdown: "hello __group__");
        Assert.Equal(("hello group", group.Id, p.AliceMe.Id), (inGroup.Text, inGroup.Chat.Id, inGroup.Sender?.Id));
        Assert.Equal("Messages M", Assert.IsType<Group>(inGroup.Chat).Name);
        await Until<NewMessage>(p.AtBob, e => e.Message.Text == "hello group", "the group message at Bob");
        Assert.Equal(inGroup.Id, Single<NewMessage>(p.AtBob, e => e.Message.Text == "hello group").Message.Id);

        // Bob's broadcast channel: the post comes back with the channel as chat and sender.
        var news = Assert.IsType<Channel>(await p.Bob.ResolveUsernameAsync("@news_channel"));
        var post = await p.Bob.SendMessageAsync(news, "a post");
        Assert.Equal((news.Id, news.Id, true), (post.Chat.Id, post.Sender?.Id, post.IsOutgoing));
        Assert.IsType<Channel>(post.Chat);
    }

    [Fact]
    public async Task EditMessageChangesTheTextForBothAndRefusesOthersMessages()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var sent = await p.Alice.SendMessageAsync(p.BobAtAlice, "first version");
        await Until<NewMessage>(p.AtBob, e => e.Message.Text == "first version", "the message at Bob");
        var bobsId = Single<NewMessage>(p.AtBob, e => e.Message.Text == "first version").Message.Id;

        var edited = await p.Alice.EditMessageAsync(p.BobAtAlice, sent.Id, markdown: "second **version**");
        Assert.Equal((sent.Id, "second version"), (edited.Id, edited.Text));
        Assert.NotNull(edited.EditDate);
        Assert.IsType<TlTypes.MessageEntityBold>(Assert.Single(((TlTypes.Message)edited.Raw).Entities!));
        await Until<MessageEdited>(p.AtBob, e => e.Message.Id == bobsId && e.Message.Text == "second version", "the edit at Bob");

        // Through the message itself.
        var again = await edited.EditAsync("third version");
        Assert.Equal("third version", again.Text);
        await Until<MessageEdited>(p.AtBob, e => e.Message.Text == "third version", "the second edit at Bob");

        var missing = await Assert.ThrowsAsync<RpcError>(() => p.Alice.EditMessageAsync(p.BobAtAlice, 999_999, "nothing there"));
        Assert.Equal(("MESSAGE_ID_INVALID", 400), (missing.Name, missing.Code));
        var unchanged = await Assert.ThrowsAsync<RpcError>(() => p.Alice.EditMessageAsync(p.BobAtAlice, sent.Id, "third version"));
        Assert.Equal("MESSAGE_NOT_MODIFIED", unchanged.Name);

        // In a supergroup, Alice (the creator) may not edit what Bob wrote.
        var group = await MegagroupAsync(p);
        var bobsPost = await p.Bob.SendMessageAsync(await BobsGroupAsync(p, group), "Bob in the group");
        var foreign = await Assert.ThrowsAsync<RpcError>(() => p.Alice.EditMessageAsync(group, bobsPost.Id, "Alice's words"));
        Assert.Equal(("MESSAGE_AUTHOR_REQUIRED", 403), (foreign.Name, foreign.Code));
    }

    [Fact]
    public async Task DeleteMessagesCountsWhatWentAndTheOtherSideSeesItGo()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var one = await p.Alice.SendMessageAsync(p.BobAtAlice, "delete me");
        var two = await p.Alice.SendMessageAsync(p.BobAtAlice, "delete me too");
        var keep = await p.Alice.SendMessageAsync(p.BobAtAlice, "keep me");
        await Until<NewMessage>(p.AtBob, e => e.Message.Text == "keep me", "the messages at Bob");
        var bobsIds = p.AtBob.OfType<NewMessage>().Where(e => e.Message.Text.StartsWith("delete", StringComparison.Ordinal)).Select(e => e.Message.Id).ToArray();

        Assert.Equal(2, await p.Alice.DeleteMessagesAsync(p.BobAtAlice, [one.Id, two.Id]));
        await Until<MessageDeleted>(p.AtBob, e => bobsIds.All(e.MessageIds.Contains), "the deletion at Bob");
        Assert.Null(Single<MessageDeleted>(p.AtBob, e => e.MessageIds.Contains(bobsIds[0])).ChannelId);

        // Gone for Alice: fetching them by id gives empty messages.
        var fetched = await p.Alice.GetMessagesWithIdsAsync(p.BobAtAlice, [one.Id, keep.Id]);
        Assert.True(Assert.Single(fetched, m => m.Id == one.Id).IsEmpty);
        Assert.Equal("keep me", Assert.Single(fetched, m => m.Id == keep.Id).Text);
        Assert.Equal(0, await p.Alice.DeleteMessagesAsync(p.BobAtAlice, [one.Id]));

        // For herself only: Bob keeps his copy.
        await keep.DeleteAsync(revoke: false);
        Assert.True((await p.Alice.GetMessagesWithIdsAsync(p.BobAtAlice, [keep.Id]))[0].IsEmpty);
        var bobsKeep = Single<NewMessage>(p.AtBob, e => e.Message.Text == "keep me").Message.Id;
        Assert.False((await p.Bob.GetMessagesWithIdsAsync("@alice", [bobsKeep]))[0].IsEmpty);

        // In a supergroup the ids are the channel's, through channels.deleteMessages.
        var group = await MegagroupAsync(p);
        var post = await p.Alice.SendMessageAsync(group, "group message to delete");
        await Until<NewMessage>(p.AtBob, e => e.Message.Id == post.Id && e.Message.Chat.Id == group.Id, "the group message at Bob");
        Assert.Equal(1, await p.Alice.DeleteMessagesAsync(group, [post.Id]));
        await Until<MessageDeleted>(p.AtBob, e => e.ChannelId == group.Id && e.MessageIds.Contains(post.Id), "the group deletion at Bob");
        Assert.True((await p.Alice.GetMessagesWithIdsAsync(group, [post.Id]))[0].IsEmpty);
    }

    [Fact]
    public async Task ForwardMessagesCopiesThemInOrderWithWhereTheyCameFrom()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var first = await p.Alice.SendMessageAsync(p.BobAtAlice, "forward one");
        var second = await p.Alice.SendMessageAsync(p.BobAtAlice, "forward two");
        var group = await MegagroupAsync(p);

        var forwarded = await p.Alice.ForwardMessagesAsync(group, [second.Id, first.Id], p.BobAtAlice);
        Assert.Equal(["forward two", "forward one"], forwarded.Select(m => m.Text));
        Assert.All(forwarded, m => Assert.Equal(group.Id, m.Chat.Id));
        var info = forwarded[0].ForwardInfo!;
        Assert.Equal(new UserRef(p.AliceMe.Id), info.Sender);
        Assert.Equal(second.Date, info.Date);
        Assert.Null(first.ForwardInfo);

        await Until<NewMessage>(p.AtBob, e => e.Message.Chat.Id == group.Id && e.Message.Text == "forward one", "the forwards at Bob");
        Assert.NotNull(Single<NewMessage>(p.AtBob, e => e.Message.Chat.Id == group.Id && e.Message.Text == "forward one").Message.ForwardInfo);

        // Through the message; a missing id is Telegram's error.
        var single = await first.ForwardAsync("me");
        Assert.Equal(("forward one", p.AliceMe.Id), (single.Text, single.Chat.Id));
        var missing = await Assert.ThrowsAsync<RpcError>(() => p.Alice.ForwardMessagesAsync(group, [999_999], p.BobAtAlice));
        Assert.Equal("MESSAGE_ID_INVALID", missing.Name);
    }

    [Fact]
    public async Task GetMessagesWalksTheHistoryInPagesBothWays()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var peer = p.BobAtAlice.ToInputPeer();
        var ids = new List<int>();
        for (var i = 0; i < 130; i++)
        {
            var randomId = Random.Shared.NextInt64(1, long.MaxValue);
            ids.Add(SentId(await p.Alice.InvokeAsync(new Fn.Messages.SendMessage { Peer = peer, Message = $"h{i}", RandomId = randomId }), randomId));
        }

        // Newest first, over two pages (Telegram gives at most 100 a page); the count is Telegram's.
        var history = p.Alice.GetMessagesAsync(p.BobAtAlice);
        var all = await history;
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(m => m.Id));
        Assert.Equal("h129", all[0].Text);
        Assert.Equal(130, history.TotalCount);
        Assert.All(all, m => Assert.Equal(p.AliceMe.Id, m.Sender?.Id));
        Assert.All(all, m => Assert.Equal(p.BobAtAlice.Name, m.Chat.Name));

        // Oldest first, also over two pages.
        var oldestFirst = await p.Alice.GetMessagesAsync(p.BobAtAlice, reverse: true);
        Assert.Equal(ids, oldestFirst.Select(m => m.Id));

        // A limit, and offsets both ways.
        Assert.Equal(ids[^5..].AsEnumerable().Reverse(), (await p.Alice.GetMessagesAsync(p.BobAtAlice, 5)).Select(m => m.Id));
        Assert.Equal(ids[..3], (await p.Alice.GetMessagesAsync(p.BobAtAlice, 3, reverse: true)).Select(m => m.Id));
        Assert.Equal(ids[7..10].AsEnumerable().Reverse(), (await p.Alice.GetMessagesAsync(p.BobAtAlice, 3, offsetId: ids[10])).Select(m => m.Id));
        Assert.Equal(ids[11..116], (await p.Alice.GetMessagesAsync(p.BobAtAlice, 105, offsetId: ids[10], reverse: true)).Select(m => m.Id));
        var older = await p.Alice.GetMessagesAsync(p.BobAtAlice, offsetId: ids[120]);
        Assert.Equal(ids[..120].AsEnumerable().Reverse(), older.Select(m => m.Id));

        // Lazily: breaking out stops after the first page.
        var seen = 0;
        await foreach (var message in p.Alice.GetMessagesAsync(p.BobAtAlice))
        {
            if (++seen == 2)
                break;
        }
        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task GetMessagesWithIdsGivesEmptyMessagesForMissingIds()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var sent = await p.Alice.SendMessageAsync(p.BobAtAlice, "by id");
        var found = await p.Alice.GetMessagesWithIdsAsync(p.BobAtAlice, [sent.Id, 999_999]);
        Assert.Equal(2, found.Count);
        var message = Assert.Single(found, m => !m.IsEmpty);
        Assert.Equal(("by id", p.BobAtAlice.Id, p.AliceMe.Id), (message.Text, message.Chat.Id, message.Sender?.Id));
        var empty = Assert.Single(found, m => m.IsEmpty);
        Assert.Equal((999_999, p.BobAtAlice.Id, ""), (empty.Id, empty.Chat.Id, empty.Text));

        var group = await MegagroupAsync(p);
        var post = await p.Alice.SendMessageAsync(group, "in the group");
        var inGroup = await p.Alice.GetMessagesWithIdsAsync(group, [post.Id, post.Id + 1000]);
        Assert.Equal(["in the group", ""], inGroup.Select(m => m.Text));
        Assert.Equal([false, true], inGroup.Select(m => m.IsEmpty));
        Assert.All(inGroup, m => Assert.Equal(group.Id, m.Chat.Id));
    }

    [Fact]
    public async Task SearchFindsWhatWasSentInOneChatAndInAll()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var group = await MegagroupAsync(p);
        var pie = await p.Alice.SendMessageAsync(p.BobAtAlice, "apple pie");
        await p.Alice.SendMessageAsync(p.BobAtAlice, "banana bread");
        var tart = await p.Alice.SendMessageAsync(p.BobAtAlice, "apple tart");
        var inGroup = await p.Alice.SendMessageAsync(group, "apple juice");

        var found = await p.Alice.SearchMessagesAsync(p.BobAtAlice, query: "apple");
        Assert.Equal([tart.Id, pie.Id], found.Select(m => m.Id));
        Assert.Equal([pie.Id], (await p.Alice.SearchMessagesAsync(p.BobAtAlice, query: "apple", offsetId: tart.Id)).Select(m => m.Id));
        Assert.Equal([tart.Id], (await p.Alice.SearchMessagesAsync(p.BobAtAlice, 1, "apple")).Select(m => m.Id));
        Assert.Empty(await p.Alice.SearchMessagesAsync(p.BobAtAlice, query: "cherry"));

        var everywhere = await p.Alice.SearchAllMessagesAsync(query: "apple");
        // Messages sent in the same second come in the server's order.
        Assert.Equal(["apple juice", "apple pie", "apple tart"], everywhere.Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.Contains(everywhere, m => m.Id == inGroup.Id && m.Chat.Id == group.Id && m.Text == "apple juice");
        Assert.Contains(everywhere, m => m.Id == pie.Id && m.Chat.Id == p.BobAtAlice.Id);
        // Newest first; a limit takes the newest.
        Assert.Equal(everywhere.Take(2).Select(m => (m.Chat.Id, m.Id)),
            (await p.Alice.SearchAllMessagesAsync(2, "apple")).Select(m => (m.Chat.Id, m.Id)));
    }

    [Fact]
    public async Task PinUnpinAndUnpinAll()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var group = await MegagroupAsync(p);
        var first = await p.Alice.SendMessageAsync(group, "pin me");
        var second = await p.Alice.SendMessageAsync(group, "pin me too");

        var service = await p.Alice.PinMessageAsync(group, first.Id);
        Assert.NotNull(service);
        Assert.IsType<TlTypes.MessageActionPinMessage>(Assert.IsType<TlTypes.MessageService>(service.Raw).Action);
        Assert.Equal(first.Id, service.ReplyToMessageId);
        Assert.Equal(group.Id, service.Chat.Id);
        await second.PinAsync();
        Assert.Equal(new[] { true, true }, await PinnedAsync(p.Alice, group, first.Id, second.Id));

        await p.Alice.UnpinMessageAsync(group, first.Id);
        Assert.Equal(new[] { false, true }, await PinnedAsync(p.Alice, group, first.Id, second.Id));
        await first.PinAsync();
        await p.Alice.UnpinMessageAsync(group, null);
        Assert.Equal(new[] { false, false }, await PinnedAsync(p.Alice, group, first.Id, second.Id));
        await second.PinAsync();
        await second.UnpinAsync();
        Assert.Equal(new[] { false, false }, await PinnedAsync(p.Alice, group, first.Id, second.Id));

        // Bob's pinned message updates reached him (the ground truth of what the server delivered).
        Assert.Contains(server.GroundTruth.Records, r => r.Account == p.BobMe.Id && r.Kind == "updatePinnedChannelMessages");
        var missing = await Assert.ThrowsAsync<RpcError>(() => p.Alice.PinMessageAsync(group, 999_999));
        Assert.Equal("MESSAGE_ID_INVALID", missing.Name);
    }

    private static async Task<bool[]> PinnedAsync(Client client, Peer chat, params int[] ids) =>
        [.. (await client.GetMessagesWithIdsAsync(chat, ids)).OrderBy(m => Array.IndexOf(ids, m.Id)).Select(m => ((TlTypes.Message)m.Raw).Pinned)];

    [Fact]
    public async Task ReadMessageTellsTheSenderTheirMessagesWereRead()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var alice = Assert.IsType<User>(await p.Bob.ResolveUsernameAsync("@alice"));
        var one = await p.Bob.SendMessageAsync(alice, "read me");
        var two = await p.Bob.SendMessageAsync(alice, "read me too");
        var atAlice = await p.Alice.GetMessagesAsync(p.BobAtAlice, 2);
        Assert.Equal(["read me too", "read me"], atAlice.Select(m => m.Text));
        Assert.All(atAlice, m => Assert.True(m.IsIncoming));

        // Up to the older one: Bob's outbox is read up to his copy of it.
        await p.Alice.ReadMessageAsync(p.BobAtAlice, atAlice[1].Id);
        await Until<MessageRead>(p.AtBob, e => e.IsOutbox && e.MaxMessageIdRead == one.Id, "the first read at Bob");
        // Then everything, through the message.
        await atAlice[0].ReadAsync();
        await Until<MessageRead>(p.AtBob, e => e.IsOutbox && e.MaxMessageIdRead == two.Id, "the second read at Bob");
        await p.Alice.ReadMessageAsync(p.BobAtAlice, null);

        // In a supergroup, through channels.readHistory.
        var group = await MegagroupAsync(p);
        var bobsPost = await p.Bob.SendMessageAsync(await BobsGroupAsync(p, group), "read in the group");
        await p.Alice.ReadMessageAsync(group, null);
        Assert.Contains(server.GroundTruth.Records, r => r.Account == p.AliceMe.Id && r.Kind == "updateReadChannelInbox");
        Assert.True(bobsPost.Id > 0);
    }

    [Fact]
    public async Task MessageAliasesGoThroughTheClient()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await PairAsync(server);
        var sent = await p.Alice.SendMessageAsync(p.BobAtAlice, "alias base");
        var responded = await sent.RespondAsync(markdown: "**respond**");
        Assert.Equal(("respond", p.BobAtAlice.Id, (int?)null), (responded.Text, responded.Chat.Id, responded.ReplyToMessageId));
        var replied = await sent.ReplyAsync(html: "<b>reply</b>");
        Assert.Equal(("reply", sent.Id), (replied.Text, replied.ReplyToMessageId));
        Assert.Equal("<strong>reply</strong>", replied.TextHtml);
        Assert.Equal(sent.Id, (await replied.GetRepliedMessageAsync())?.Id);
        Assert.Null(await sent.GetRepliedMessageAsync());

        await responded.DeleteAsync();
        await Until<MessageDeleted>(p.AtBob, e => e.MessageIds.Count == 1, "the deletion at Bob");
        Assert.True((await p.Alice.GetMessagesWithIdsAsync(p.BobAtAlice, [responded.Id]))[0].IsEmpty);
    }

    [Fact]
    public async Task AMentionInMarkupGoesOutWithTheSessionsAccessHashAndArrivesAsAMentionOfTheUser()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var received = new ConcurrentQueue<Message>();
        bob.On<NewMessage>(m => { received.Enqueue(m.Message); return Task.CompletedTask; }, new IncomingFilter());
        var bobAtAlice = await alice.ResolveUsernameAsync("@bobby");

        // The markup names Bob by id only; the client takes his access hash from what the session has seen.
        await alice.SendMessageAsync(bobAtAlice, markdown: $"hi [Bob](tg://user?id={bobAtAlice.Id})");
        await Eventually.UntilAsync(() => !received.IsEmpty, "Bob gets the mention");
        var message = Assert.Single(received);
        Assert.Equal("hi Bob", message.Text);
        var mention = Assert.IsType<TlTypes.MessageEntityMentionName>(Assert.Single(((TlTypes.Message)message.Raw).Entities!));
        Assert.Equal((3, 3, bobAtAlice.Id), (mention.Offset, mention.Length, mention.UserId));
        Assert.Equal($"hi [Bob](tg://user?id={bobAtAlice.Id})", message.TextMarkdown);

        // A user the account has never seen has no access hash to send: Telegram refuses the mention.
        var refused = await Assert.ThrowsAsync<RpcError>(() => alice.SendMessageAsync(bobAtAlice, html: "<a href=\"tg://user?id=424242\">nobody</a>"));
        Assert.Equal("ENTITY_MENTION_USER_INVALID", refused.Name);
    }
}
