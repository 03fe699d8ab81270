using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Model;
using Telethon.Tests.Support;

namespace Telethon.Tests.EndToEnd;

/// <summary>Dialogs, drafts and contacts, end to end against the test server (the sample world: Alice, Bob, the bots and
/// the groups "Group S" and "Group M").</summary>
public sealed class DialogsEndToEndTests
{
    [Fact]
    public async Task DialogsListEveryChatNewestFirstWithTheLatestMessageAndUnreadCountAcrossPages()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();

        var me = (await alice.GetMeAsync())!;
        var bot = await alice.ResolveUsernameAsync("@echo_bot");
        var bobPeer = await alice.ResolveUsernameAsync("@bobby");
        await alice.SendMessageAsync(bot, "to the bot");
        await alice.SendMessageAsync(me, "a note to self");
        await alice.SendMessageAsync(bobPeer, "to bob");
        var aliceForBob = await bob.ResolveUsernameAsync("@alice");
        await bob.SendMessageAsync(aliceForBob, "one");
        await bob.SendMessageAsync(aliceForBob, "two");

        var all = await alice.GetDialogsAsync();
        var list = alice.GetDialogsAsync();
        await list;
        Assert.Equal(all.Count, list.TotalCount);
        Assert.Equal(all.Count, all.Select(d => (d.Chat.Kind, d.Chat.Id)).Distinct().Count());
        // The two groups of the world, the bot, Saved Messages and Bob.
        Assert.Contains(all, d => d.Chat is Group { IsMegagroup: false, Name: "Group S" });
        Assert.Contains(all, d => d.Chat is Group { IsMegagroup: true, Name: "Group M" });
        Assert.Contains(all, d => d.Chat.Id == bot.Id && d.Chat is User { IsBot: true });
        Assert.Equal("a note to self", all.Single(d => d.Chat.Id == me.Id).LatestMessage?.Text);

        // Bob wrote last: his chat is first, with his latest message and the two Alice has not read.
        var withBob = all[0];
        Assert.Equal(bobPeer.Id, withBob.Chat.Id);
        Assert.Equal("two", withBob.LatestMessage?.Text);
        Assert.Equal(bobPeer.Id, withBob.LatestMessage?.Sender?.Id);
        Assert.True(withBob.LatestMessage!.IsIncoming);
        Assert.Equal(2, withBob.UnreadCount);
        Assert.Null(withBob.Draft);
        // Newest first.
        var dates = all.Where(d => d.LatestMessage is not null).Select(d => d.LatestMessage!.Date).ToList();
        Assert.Equal(dates.OrderDescending(), dates);

        // Pages of two give the same list, in the same order, as one page.
        var paged = await alice.GetDialogsAsync(null, pageSize: 2).ToListAsync();
        Assert.Equal(all.Select(d => (d.Chat.Kind, d.Chat.Id)), paged.Select(d => (d.Chat.Kind, d.Chat.Id)));
        Assert.True(all.Count > 4, "more than two pages");

        // A limit stops early.
        var firstThree = await alice.GetDialogsAsync(3, pageSize: 2).ToListAsync();
        Assert.Equal(all.Take(3).Select(d => d.Chat.Id), firstThree.Select(d => d.Chat.Id));
    }

    [Fact]
    public async Task BotsHaveNoDialogs()
    {
        await using var server = await EndToEndServer.StartAsync();
        var bot = server.Runtime().GetClient("bot", server.Options());
        await bot.ConnectAsync();
        await bot.BotSignInAsync("7000001:AAtestsecret");
        var error = await Assert.ThrowsAsync<RpcError>(() => bot.GetDialogsAsync().ToListAsync());
        Assert.Equal("BOT_METHOD_INVALID", error.Name);
    }

    [Fact]
    public async Task DeletingAChannelDialogLeavesTheChannel()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var groupM = await EndToEndServer.DialogNamedAsync(alice, "Group M");
        var bobForAlice = await alice.ResolveUsernameAsync("@bobby");
        await alice.InvokeAsync(new Telethon.Tl.Functions.Channels.InviteToChannel
        {
            Channel = ((ChannelRef)groupM.Ref).ToInputChannel(),
            Users = [((UserRef)bobForAlice.Ref).ToInputUser()],
        });

        var bobsGroup = await EndToEndServer.DialogNamedAsync(bob, "Group M");
        var dialog = (await bob.GetDialogsAsync()).Single(d => d.Chat.Id == bobsGroup.Id);
        await dialog.DeleteAsync();

        Assert.DoesNotContain(await bob.GetDialogsAsync(), d => d.Chat.Id == groupM.Id);
        // The group stays, with Alice in it.
        Assert.Contains(await alice.GetDialogsAsync(), d => d.Chat.Id == groupM.Id);
    }

    [Fact]
    public async Task DeletingAPrivateDialogDeletesTheHistoryForTheAccountOnly()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var bobPeer = await alice.ResolveUsernameAsync("@bobby");
        await alice.SendMessageAsync(bobPeer, "hello bob");
        var aliceForBob = await bob.ResolveUsernameAsync("@alice");
        await bob.SendMessageAsync(aliceForBob, "hello alice");

        await alice.DeleteDialogAsync(bobPeer.Ref);

        Assert.DoesNotContain(await alice.GetDialogsAsync(), d => d.Chat.Id == bobPeer.Id);
        // Without revoke, Bob keeps his side of the conversation.
        var bobs = (await bob.GetDialogsAsync()).Single(d => d.Chat.Id == aliceForBob.Id);
        Assert.Equal("hello alice", bobs.LatestMessage?.Text);
    }

    [Fact]
    public async Task DeletingABasicGroupDialogLeavesTheGroup()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var groupS = await EndToEndServer.DialogNamedAsync(bob, "Group S");

        await bob.DeleteDialogAsync(groupS);

        var aliceGroupS = await EndToEndServer.DialogNamedAsync(alice, "Group S");
        var participants = await alice.GetParticipantsAsync(aliceGroupS).ToListAsync();
        Assert.DoesNotContain(participants, p => p.User?.Username == "bobby");
        Assert.Contains(participants, p => p.User?.Username == "alice");
        // Leaving again: Bob is no longer a participant.
        var again = await Assert.ThrowsAsync<RpcError>(() => bob.DeleteDialogAsync(groupS));
        Assert.Equal("USER_NOT_PARTICIPANT", again.Name);
    }

    [Fact]
    public async Task DraftsAreSavedListedShownInDialogsAndOnTheOtherSessionAndSentAndCleared()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var bob = await server.BobAsync();
        var received = new ConcurrentQueue<string>();
        bob.On<NewMessage>(m => { received.Enqueue(m.Message.Text); return Task.CompletedTask; }, new IncomingFilter());
        var bobPeer = await alice.ResolveUsernameAsync("@bobby");
        var earlier = await alice.SendMessageAsync(bobPeer, "a question");

        var saved = await alice.EditDraftAsync(bobPeer, "the answer", linkPreview: true, replyTo: earlier.Id);
        Assert.Equal("the answer", saved.Text);
        Assert.Equal(bobPeer.Id, saved.Chat.Id);
        Assert.True(saved.LinkPreview);
        Assert.Equal(earlier.Id, saved.RepliedMessageId);
        Assert.NotNull(saved.Date);

        var drafts = await alice.GetDraftsAsync();
        var listed = Assert.Single(drafts);
        Assert.Equal("the answer", listed.Text);
        Assert.Equal(bobPeer.Id, listed.Chat.Id);
        Assert.Equal(earlier.Id, listed.RepliedMessageId);
        Assert.True(listed.LinkPreview);

        var dialog = (await alice.GetDialogsAsync()).Single(d => d.Chat.Id == bobPeer.Id);
        Assert.Equal("the answer", dialog.Draft?.Text);

        // The account's other session sees the same draft.
        var elsewhere = await server.AliceAsync("alice-elsewhere");
        Assert.Equal("the answer", Assert.Single(await elsewhere.GetDraftsAsync()).Text);

        // Sending it sends the text as a reply and clears the draft.
        var sent = await listed.SendAsync();
        Assert.Equal("the answer", sent.Text);
        Assert.Equal(earlier.Id, sent.ReplyToMessageId);
        await Eventually.UntilAsync(() => received.Contains("the answer"), "Bob gets the draft's message");
        Assert.Empty(await alice.GetDraftsAsync());
    }

    [Fact]
    public async Task ADraftInMarkdownOrHtmlKeepsItsFormattingBothWays()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();

        var markdown = await alice.EditDraftAsync("me", markdown: "**bold** and `code`");
        Assert.Equal("bold and code", markdown.Text);
        var listed = Assert.Single(await alice.GetDraftsAsync());
        Assert.Equal("**bold** and `code`", listed.TextMarkdown);
        Assert.Equal("<strong>bold</strong> and <code>code</code>", listed.TextHtml);

        var html = await alice.EditDraftAsync("me", html: "<i>it</i> <a href=\"https://example.org\">link</a>");
        Assert.Equal("it link", html.Text);
        Assert.Equal("<em>it</em> <a href=\"https://example.org\">link</a>", Assert.Single(await alice.GetDraftsAsync()).TextHtml);
    }

    [Fact]
    public async Task ADraftEditedThenDeletedIsGone()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();

        var first = await alice.EditDraftAsync("me", "first thought");
        var second = await first.EditAsync("second thought");
        Assert.Equal("second thought", second.Text);
        Assert.False(second.LinkPreview);
        Assert.Equal("second thought", Assert.Single(await alice.GetDraftsAsync()).Text);

        await second.DeleteAsync();
        Assert.Empty(await alice.GetDraftsAsync());
    }

    [Fact]
    public async Task ADraftTakesItsTextInExactlyOneForm()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => alice.EditDraftAsync("me"));
        await Assert.ThrowsAsync<ArgumentException>(() => alice.EditDraftAsync("me", "plain", markdown: "**bold**"));
        await Assert.ThrowsAsync<ArgumentException>(() => alice.EditDraftAsync("me", markdown: "a", html: "<b>b</b>"));
    }

    [Fact]
    public async Task ContactsAreTheUsersOfTheContactList()
    {
        await using var server = await EndToEndServer.StartAsync();
        var alice = await server.AliceAsync();
        var contacts = alice.GetContactsAsync();
        var users = await contacts;
        var bob = Assert.Single(users);
        Assert.Equal("bobby", bob.Username);
        Assert.Equal("9996622222", bob.Phone);
        Assert.NotNull(bob.AccessHash);
        Assert.Equal(1, contacts.TotalCount);
    }
}
