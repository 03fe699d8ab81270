using System.Text.RegularExpressions;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Tests.Events;
using Telethon.Model;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Filters;

public sealed class FilterTests
{
    private static readonly Event Deleted = Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [1], Pts = 1, PtsCount = 1 })!;

    [Theory]
    [InlineData("hello world", "world", true)]
    [InlineData("hello world", "^world", false)]
    [InlineData("hello world", "^hel+o", true)]
    [InlineData("Hello", "hello", false)]
    public void Text_searches_anywhere(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Filter.Text(pattern).Matches(Tg.Text(text)));

    [Fact]
    public void Text_takes_a_regex_and_never_passes_events_without_text()
    {
        Assert.True(Filter.Text(new Regex("hello", RegexOptions.IgnoreCase)).Matches(Tg.Text("HELLO")));
        Assert.False(Filter.Text(".*").Matches(Deleted));
    }

    [Theory]
    [InlineData("/help", true)]
    [InlineData("/help me please", true)]
    [InlineData("  /help", true)]
    [InlineData("/help@bot", true)]
    [InlineData("/help@BOT args", true)]
    [InlineData("/help@other", false)]
    [InlineData("/helpme", false)]
    [InlineData("/list", false)]
    [InlineData("help", false)]
    [InlineData("", false)]
    [InlineData("say /help", false)]
    public void Command_matches_the_first_word_with_the_account_username(string text, bool expected) =>
        Assert.Equal(expected, Filter.Command("/help").Matches(Tg.Text(text)));

    [Fact]
    public void Command_ignores_the_at_form_without_a_username_and_rejects_whitespace()
    {
        var noUsername = new FakeEventContext(selfUsername: null);
        Assert.False(Filter.Command("/help").Matches(Tg.Text("/help@bot", context: noUsername)));
        Assert.True(Filter.Command("/help").Matches(Tg.Text("/help", context: noUsername)));
        Assert.True(Filter.Command("!ping").Matches(Tg.Text("!ping")));
        Assert.Throws<ArgumentException>(() => Filter.Command("/a b"));
        Assert.Throws<ArgumentException>(() => Filter.Command(""));
    }

    [Fact]
    public void Incoming_and_Outgoing_look_at_the_message()
    {
        Assert.True(Filter.Incoming.Matches(Tg.Text("x")));
        Assert.False(Filter.Outgoing.Matches(Tg.Text("x")));
        Assert.True(Filter.Outgoing.Matches(Tg.Text("x", isOut: true)));
        Assert.False(Filter.Incoming.Matches(Tg.Text("x", isOut: true)));
        Assert.False(Filter.Incoming.Matches(Deleted));
        Assert.False(Filter.Outgoing.Matches(Deleted));
    }

    [Fact]
    public void Chats_Senders_and_ChatType_look_at_the_peers()
    {
        var inGroup = Tg.EventOf(Tg.ChannelMessage(555, 1, 1, fromUser: 8), chats: [Tg.Channel(555, "Devs")])!;
        Assert.True(Filter.Chats(1, 555).Matches(inGroup));
        Assert.False(Filter.Chats(7).Matches(inGroup));
        Assert.True(Filter.Senders(8).Matches(inGroup));
        Assert.False(Filter.Senders(555).Matches(inGroup));
        Assert.True(Filter.ChatType(ChatKind.Group).Matches(inGroup));
        Assert.False(Filter.ChatType(ChatKind.User).Matches(inGroup));
        Assert.True(Filter.ChatType(ChatKind.User).Matches(Tg.Text("x")));

        var post = Tg.EventOf(new TlTypes.UpdateNewChannelMessage { Message = Tg.Message(1, "n", Tg.ChannelPeer(600), post: true), Pts = 1, PtsCount = 1 })!;
        Assert.True(Filter.ChatType(ChatKind.Broadcast).Matches(post));
        Assert.True(Filter.Senders(600).Matches(post));

        Assert.False(Filter.Chats(1).Matches(Deleted));
        Assert.False(Filter.ChatType(ChatKind.User).Matches(Deleted));
        Assert.Equal(new HashSet<long> { 1, 555 }, Filter.Chats(1, 555).ChatIds);
    }

    [Fact]
    public void Operators_combine_like_All_Any_and_Not()
    {
        var hi = Tg.Text("hi there");
        var bye = Tg.Text("bye");
        var hiFilter = Filter.Text("^hi");
        var incoming = Filter.Incoming;

        Assert.True((hiFilter & incoming).Matches(hi));
        Assert.False((hiFilter & incoming).Matches(bye));
        Assert.True((hiFilter | Filter.Text("bye")).Matches(bye));
        Assert.False((hiFilter | Filter.Outgoing).Matches(bye));
        Assert.True((!hiFilter).Matches(bye));
        Assert.False((!hiFilter).Matches(hi));
        Assert.True((incoming & !(hiFilter | Filter.Text("x"))).Matches(bye));

        var all = Filter.All(hiFilter, incoming, Filter.Chats(7));
        Assert.True(all.Matches(hi));
        Assert.Equal(3, all.Filters.Count);
        Assert.True(Filter.Any(Filter.Outgoing, Filter.Text("bye")).Matches(bye));
        Assert.False(Filter.Any().Matches(bye));
        Assert.True(Filter.All().Matches(bye));
        Assert.Same(hiFilter, Filter.Not(hiFilter).Filter);
    }

    [Fact]
    public void All_and_Any_stop_early()
    {
        var checkedCount = 0;
        var counting = Filter.Where(_ => { checkedCount++; return true; });
        Assert.False((Filter.Outgoing & counting).Matches(Tg.Text("x")));
        Assert.True((Filter.Incoming | counting).Matches(Tg.Text("x")));
        Assert.Equal(0, checkedCount);
        Assert.True((Filter.Incoming & counting).Matches(Tg.Text("x")));
        Assert.Equal(1, checkedCount);
    }

    [Fact]
    public void Custom_filters_that_throw_do_not_pass()
    {
        Assert.True(Filter.Where(e => e is NewMessage { Id: 1 }).Matches(Tg.Text("x")));
        Assert.False(Filter.Where(_ => throw new InvalidOperationException()).Matches(Tg.Text("x")));
    }

    [Fact]
    public void Filters_describe_themselves() =>
        Assert.Equal("All(Text(^hi), Not(Outgoing), Any(Command(/a), ChatType(Broadcast)))",
            (Filter.Text("^hi") & !Filter.Outgoing & (Filter.Command("/a") | Filter.ChatType(ChatKind.Broadcast))).ToString());
}
