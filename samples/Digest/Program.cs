using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Telethon;
using Telethon.Connection;
using Telethon.Model;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;

// A digest for a user account, with Telethon's API: it reads the dialogs, the unread messages of each and a search, and
// sends a markdown summary to Saved Messages. With no arguments it runs against an embedded test server where a few
// people have written to Alice; `--query WORD` changes what the search looks for.
var queryOption = new Option<string>("--query") { Description = "what the search looks for", DefaultValueFactory = _ => "release" };
var root = new RootCommand("Digest: a user account's unread messages and a search, summed up in Saved Messages, on an embedded test server")
{
    queryOption,
};
root.SetAction((parsed, _) => RunAsync(parsed.GetValue(queryOption)!));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(string query)
{

    var config = TestServerConfig.Parse("""
        telethon.test-server.seed {
          accounts = [
            { phone = "9996621111", first-name = "Alice", username = "alice" }
            { phone = "9996622222", first-name = "Bob", username = "bobby" }
            { phone = "9996623333", first-name = "Carol", username = "carol_c" }
          ]
          chats = [ { title = "Release team", creator = "@alice", members = ["@bobby", "@carol_c"] } ]
        }
        """);
    await using var server = await TestServerHost.StartAsync(new TestServerOptions { DcCount = 2, Config = config });
    ClientOptions Options() => new()
    {
        ApiId = 1,
        ApiHash = "digest",
        DataCenters = server.Dcs.Select(d => new DcAddress(d.Id, d.Host, d.Port)).ToArray(),
        ServerKeys = [server.PublicKey],
    };

    async Task<Client> SignInAsync(string phone)
    {
        var client = new Client(":memory:", Options());
        await client.ConnectAsync();
        await client.SignInAsync(await client.RequestLoginCodeAsync(phone), "22222");
        return client;
    }

    // The others write: Bob privately, Carol in the group, with a few words worth searching for.
    await using var alice = await SignInAsync("9996621111");
    await using (var bob = await SignInAsync("9996622222"))
    await using (var carol = await SignInAsync("9996623333"))
    {
        await bob.SendMessageAsync("@alice", "Lunch at noon?");
        await bob.SendMessageAsync("@alice", markdown: "The **release** notes are ready for review.");
        await foreach (var dialog in carol.GetDialogsAsync())
        {
            if (dialog.Chat is Group { Name: "Release team" } group)
            {
                await carol.SendMessageAsync(group, "Build 42 is green.");
                await carol.SendMessageAsync(group, html: "Tagging the <b>release</b> at five.");
            }
        }
    }

    // Alice's digest.
    var summary = new StringBuilder("**Digest**\n");
    var unreadTotal = 0;
    var dialogs = 0;
    await foreach (var dialog in alice.GetDialogsAsync())
    {
        dialogs++;
        if (dialog.UnreadCount == 0)
            continue;
        unreadTotal += dialog.UnreadCount;
        summary.Append(CultureInfo.InvariantCulture, $"\n__{Escape(dialog.Chat.Name)}__: {dialog.UnreadCount} unread\n");
        var unread = await alice.GetMessagesAsync(dialog.Chat, limit: dialog.UnreadCount);
        unread.Reverse();
        foreach (var message in unread)
            summary.Append(CultureInfo.InvariantCulture, $"- {Escape(message.Sender?.Name ?? "?")}: {Escape(message.Text)}\n");
        await alice.ReadMessageAsync(dialog.Chat, null);
    }
    var found = await alice.SearchAllMessagesAsync(limit: 10, query: query);
    summary.Append(CultureInfo.InvariantCulture, $"\nMessages that mention `{query}`: {found.Count}\n");
    foreach (var message in found)
        summary.Append(CultureInfo.InvariantCulture, $"- in {Escape(message.Chat.Name)}: {Escape(message.Text)}\n");

    var sent = await alice.SendMessageAsync("me", markdown: summary.ToString());
    Console.WriteLine(sent.TextMarkdown);
    Console.WriteLine(JsonSerializer.Serialize(new { dialogs, unread = unreadTotal, search_hits = found.Count, digest_message_id = sent.Id }));
    return unreadTotal > 0 && found.Count > 0 ? 0 : 1;

    // Markdown's special characters in what people wrote are escaped, so they stay text.
    static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '_' or '`' or '[' or ']' or '~' or '|' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
