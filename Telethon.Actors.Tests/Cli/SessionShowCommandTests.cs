using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Telethon.Cli;
using Telethon.Crypto;
using Telethon.Session;
using Xunit;

namespace Telethon.Tests.Cli;

/// <summary><c>telethon session show</c>: a session file described as JSON, keys by id only, and bad files refused as errors.</summary>
public sealed class SessionShowCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("telethon-session-show-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var code = await CliApp.Default().RunAsync(args, new CliConsole(new StringReader(""), output, new StringWriter()));
        return (code, output.ToString());
    }

    [Fact]
    public async Task A_session_is_shown_with_its_keys_by_id_and_never_the_keys()
    {
        var key = new byte[256];
        new Random(5).NextBytes(key);
        var path = Path.Combine(_folder.FullName, "alice.session");
        await using (var storage = new SqliteSession(path))
        {
            await storage.SaveAsync(SessionData.Empty with
            {
                HomeDcId = 2,
                AuthKeys = [new DcAuthKey(2, [.. key], Salt: 77), new DcAuthKey(4, [.. key.Reverse()], Salt: 1)],
                User = new SessionUser(5001, Bot: false, DcId: 2, Username: "alice"),
                UpdateState = new UpdateState(Pts: 10, Qts: 2, Date: 1_700_000_000, Seq: 3),
                ChannelPts = ImmutableDictionary<long, int>.Empty.Add(100, 5),
            });
        }

        var (code, output) = await Run("session", "show", Path.Combine(_folder.FullName, "alice"));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("home_dc").GetInt32());
        Assert.Equal("alice", root.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal(10, root.GetProperty("update_state").GetProperty("pts").GetInt32());
        Assert.Equal(1, root.GetProperty("channels").GetInt32());
        var keys = root.GetProperty("auth_keys").EnumerateArray().ToList();
        Assert.Equal([2, 4], keys.Select(k => k.GetProperty("dc").GetInt32()));
        Assert.Equal(((ulong)new AuthKey(key).Id).ToString("x16", CultureInfo.InvariantCulture), keys[0].GetProperty("key_id").GetString());
        Assert.DoesNotContain(Convert.ToHexStringLower(key.AsSpan(0, 16)), output, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key.AsSpan(0, 16)), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_and_is_not_created()
    {
        var path = Path.Combine(_folder.FullName, "nobody.session");
        var (code, output) = await Run("session", "show", path);
        Assert.Equal(1, code);
        Assert.Contains("no session file", output, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_file_that_is_not_a_session_is_an_error()
    {
        var path = Path.Combine(_folder.FullName, "noise.session");
        var noise = new byte[4096];
        new Random(9).NextBytes(noise);
        await File.WriteAllBytesAsync(path, noise);
        var (code, output) = await Run("session", "show", path);
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Contains("cannot be read as a session", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
