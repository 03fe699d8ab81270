using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Tests.Support;
using TlChannels = Telethon.Tl.Functions.Channels;
using TlMessages = Telethon.Tl.Functions.Messages;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.EndToEnd;

/// <summary>
/// Edits, deletions and reads by one account reach the handlers of another as <see cref="MessageEdited"/>,
/// <see cref="MessageDeleted"/> and <see cref="MessageRead"/> with Telegram's fields, and a handler calls its client
/// through <see cref="Event.Client"/>. The requests are raw TL, as Telegram documents them.
/// </summary>
public sealed class EventsEndToEndTests
{
    private static async Task<Client> SignInAsync(TelethonRuntime runtime, EndToEndServer server, string name, string phone,
        string code = "22222", string? password = null)
    {
        var client = runtime.GetClient(name, server.Options());
        await client.ConnectAsync();
        var result = await client.SignInAsync(await client.RequestLoginCodeAsync(phone), code);
        if (password is not null)
            await client.CheckPasswordAsync(result.PasswordToken!, password);
        return client;
    }

    /// <summary>Records every event of the four kinds an account sees.</summary>
    private sealed class Seen
    {
        public ConcurrentQueue<NewMessage> New { get; } = new();

        public ConcurrentQueue<MessageEdited> Edited { get; } = new();

        public ConcurrentQueue<MessageDeleted> Deleted { get; } = new();

        public ConcurrentQueue<MessageRead> Read { get; } = new();

        public static Seen On(Client client)
        {
            var seen = new Seen();
            client.On<NewMessage>(e => { seen.New.Enqueue(e); return Task.CompletedTask; });
            client.On<MessageEdited>(e => { seen.Edited.Enqueue(e); return Task.CompletedTask; });
            client.On<MessageDeleted>(e => { seen.Deleted.Enqueue(e); return Task.CompletedTask; });
            client.On<MessageRead>(e => { seen.Read.Enqueue(e); return Task.CompletedTask; });
            return seen;
        }
    }

    private static async Task<int> SendAsync(Client client, global::Telethon.Tl.Abcs.InputPeer peer, string text)
    {
        var randomId = Random.Shared.NextInt64();
        var result = await client.InvokeAsync(new TlMessages.SendMessage { Peer = peer, Message = text, RandomId = randomId });
        return result switch
        {
            TlTypes.UpdateShortSentMessage sent => sent.Id,
            TlTypes.UpdatesConstructor u => u.Updates.OfType<TlTypes.UpdateMessageID>().Single(m => m.RandomId == randomId).Id,
            _ => throw new InvalidOperationException($"Unexpected answer {result.TlName}."),
        };
    }

    private static Task Until(Func<bool> condition, string what) => Eventually.UntilAsync(condition, what);

    [Fact]
    public async Task InAPrivateChatEditsDeletionsAndReadsReachTheOtherSidesHandlers()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = await SignInAsync(runtime, server, "alice", "9996621111");
        var bob = await SignInAsync(runtime, server, "bob", "9996622222", password: "correct horse");
        var atBob = Seen.On(bob);

        var bobPeer = Assert.IsType<User>(await alice.ResolveUsernameAsync("@bobby"));
        var alicePeer = Assert.IsType<User>(await bob.ResolveUsernameAsync("@alice"));

        var sentId = await SendAsync(alice, bobPeer.ToInputPeer(), "helo Bob");
        await Until(() => atBob.New.Any(e => e.Text == "helo Bob"), "Bob's NewMessage");
        var bobsCopy = atBob.New.Single(e => e.Text == "helo Bob");

        // messages.editMessage: Bob's copy changes under its own id (updateEditMessage).
        await alice.InvokeAsync(new TlMessages.EditMessage { Peer = bobPeer.ToInputPeer(), Id = sentId, Message = "hello Bob" });
        await Until(() => !atBob.Edited.IsEmpty, "Bob's MessageEdited");
        var edited = Assert.Single(atBob.Edited);
        Assert.IsType<TlTypes.UpdateEditMessage>(edited.RawUpdate);
        Assert.Equal((bobsCopy.Id, "hello Bob", true), (edited.Id, edited.Text, edited.IsIncoming));
        Assert.Equal((alicePeer.Id, "Alice Liddell"), (edited.Chat.Id, edited.Chat.Name));
        Assert.Equal(alicePeer.Id, edited.Sender!.Id);
        Assert.Same(bob, edited.Client);

        // messages.readHistory by Alice: Bob's own messages up to the mark are read (updateReadHistoryOutbox at Bob).
        var firstFromBob = await SendAsync(bob, alicePeer.ToInputPeer(), "one");
        var lastFromBob = await SendAsync(bob, alicePeer.ToInputPeer(), "two");
        await alice.InvokeAsync(new TlMessages.ReadHistory { Peer = bobPeer.ToInputPeer(), MaxId = 0 });
        await Until(() => atBob.Read.Any(r => r.IsOutbox), "Bob's MessageRead");
        var read = atBob.Read.Single(r => r.IsOutbox);
        Assert.IsType<TlTypes.UpdateReadHistoryOutbox>(read.RawUpdate);
        var readIn = Assert.IsType<User>(read.Chat);
        Assert.Equal((alicePeer.Id, "Alice Liddell", lastFromBob), (readIn.Id, readIn.Name, read.MaxMessageIdRead));
        Assert.True(read.IsMessageRead(firstFromBob));
        Assert.True(read.IsMessageRead(lastFromBob));
        Assert.False(read.IsMessageRead(lastFromBob + 1));
        // Bob's own message as Telegram gives it back to him (messages.getMessages).
        var fetched = (TlTypes.Messages.Messages)await bob.InvokeAsync(new TlMessages.GetMessages
        {
            Id = [new TlTypes.InputMessageID { Id = lastFromBob }],
        });
        var raw = Assert.IsType<TlTypes.Message>(Assert.Single(fetched.MessagesValue));
        Assert.True(raw.Out);
        Assert.True(read.IsMessageRead(new Message(raw, alicePeer, null, read.Context)));
        // The mark is about Bob's outgoing messages: it says nothing of the one Alice sent him.
        Assert.False(read.IsMessageRead(bobsCopy.Message));

        // messages.deleteMessages with revoke: Bob's copy goes too, and Telegram names no chat (updateDeleteMessages).
        await alice.InvokeAsync(new TlMessages.DeleteMessages { Id = [sentId], Revoke = true });
        await Until(() => !atBob.Deleted.IsEmpty, "Bob's MessageDeleted");
        var deleted = Assert.Single(atBob.Deleted);
        Assert.IsType<TlTypes.UpdateDeleteMessages>(deleted.RawUpdate);
        Assert.Equal([bobsCopy.Id], deleted.MessageIds);
        Assert.Null(deleted.ChannelId);
        Assert.Null(deleted.Chat);

        Assert.Contains(server.GroundTruth.Records, r => r.Kind == "updateReadHistoryOutbox" && r.MessageId == lastFromBob);
    }

    [Fact]
    public async Task InGroupsReadsNameTheGroupAndSupergroupDeletionsTheirChannel()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = await SignInAsync(runtime, server, "alice", "9996621111");
        var bob = await SignInAsync(runtime, server, "bob", "9996622222", password: "correct horse");
        var carol = await SignInAsync(runtime, server, "carol", "9996643333", code: "44444");
        var atBob = Seen.On(bob);
        var atCarol = Seen.On(carol);

        var dialogs = (TlTypes.Messages.Dialogs)await alice.InvokeAsync(new TlMessages.GetDialogs
        {
            OffsetPeer = new TlTypes.InputPeerEmpty(),
            Limit = 100,
        });
        var groupS = Assert.IsType<Group>(Peer.FromRaw(dialogs.Chats.OfType<TlTypes.Chat>().Single(c => c.Title == "Group S")));
        var rawGroupM = dialogs.Chats.OfType<TlTypes.Channel>().Single(c => c.Title == "Group M");
        var groupM = Assert.IsType<Group>(Peer.FromRaw(rawGroupM));

        // A small group: Bob writes, Alice reads; Bob's read mark names the group (updateReadHistoryOutbox, peerChat).
        var bobsPost = await SendAsync(bob, groupS.ToInputPeer(), "hi group");
        await alice.InvokeAsync(new TlMessages.ReadHistory { Peer = groupS.ToInputPeer(), MaxId = 0 });
        await Until(() => !atBob.Read.IsEmpty, "Bob's MessageRead in Group S");
        var read = Assert.Single(atBob.Read);
        var readIn = Assert.IsType<Group>(read.Chat);
        Assert.Equal((groupS.Id, "Group S", false, true, bobsPost), (readIn.Id, readIn.Name, readIn.IsMegagroup, read.IsOutbox, read.MaxMessageIdRead));

        // A supergroup: Alice writes, edits (updateEditChannelMessage) and deletes (updateDeleteChannelMessages); Carol sees it all.
        var posted = await SendAsync(alice, groupM.ToInputPeer(), "draft");
        await Until(() => atCarol.New.Any(e => e.Text == "draft"), "Carol's NewMessage in Group M");
        await alice.InvokeAsync(new TlMessages.EditMessage { Peer = groupM.ToInputPeer(), Id = posted, Message = "final" });
        await Until(() => !atCarol.Edited.IsEmpty, "Carol's MessageEdited");
        var edited = Assert.Single(atCarol.Edited);
        Assert.IsType<TlTypes.UpdateEditChannelMessage>(edited.RawUpdate);
        var editedIn = Assert.IsType<Group>(edited.Chat);
        Assert.Equal((posted, "final", groupM.Id, "Group M", true), (edited.Id, edited.Text, editedIn.Id, editedIn.Name, editedIn.IsMegagroup));

        await alice.InvokeAsync(new TlChannels.DeleteMessages
        {
            Channel = new TlTypes.InputChannel { ChannelId = rawGroupM.Id, AccessHash = rawGroupM.AccessHash!.Value },
            Id = [posted],
        });
        await Until(() => !atCarol.Deleted.IsEmpty, "Carol's MessageDeleted");
        var deleted = Assert.Single(atCarol.Deleted);
        Assert.IsType<TlTypes.UpdateDeleteChannelMessages>(deleted.RawUpdate);
        Assert.Equal([posted], deleted.MessageIds);
        Assert.Equal(groupM.Id, deleted.ChannelId);
        Assert.Equal((groupM.Id, "Group M"), (deleted.Chat!.Id, deleted.Chat.Name));
    }

    [Fact]
    public async Task AHandlerCallsItsOwnClientThroughTheEvent()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = await SignInAsync(runtime, server, "alice", "9996621111");
        var bob = await SignInAsync(runtime, server, "bob", "9996622222", password: "correct horse");

        var answers = new ConcurrentQueue<(User? Me, Peer Sender)>();
        bob.On<NewMessage>(async e =>
        {
            var me = await e.Client.GetMeAsync();
            var sender = await e.Client.ResolveUsernameAsync("@alice");
            answers.Enqueue((me, sender));
            await e.RespondAsync($"I am {me?.Username}; you are {sender.Name}");
        }, new IncomingFilter());
        var replies = new ConcurrentQueue<string>();
        alice.On<NewMessage>(e => { replies.Enqueue(e.Text); return Task.CompletedTask; }, new IncomingFilter());

        var bobPeer = await alice.ResolveUsernameAsync("@bobby");
        await SendAsync(alice, bobPeer.ToInputPeer(), "who are you?");
        await Until(() => !replies.IsEmpty, "Bob's handler to answer");

        var (me, sender) = Assert.Single(answers);
        Assert.Equal((bobPeer.Id, true), (me!.Id, me.IsSelf));
        Assert.Equal("Alice Liddell", sender.Name);
        Assert.Equal("I am bobby; you are Alice Liddell", Assert.Single(replies));
    }
}
