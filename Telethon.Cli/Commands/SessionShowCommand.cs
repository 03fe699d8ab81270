using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Session;

namespace Telethon.Cli.Commands;

/// <summary>
/// <c>session show FILE</c>: what a session file (<see cref="SqliteSession"/>) holds, as one JSON line: the home DC, the
/// signed-in user, each DC's auth key by its id (never the key itself), the update state and how many channels and peers
/// it knows. The file is only read: a missing one is an error, not a new session.
/// </summary>
public sealed class SessionShowCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["session", "show"];

    /// <inheritdoc />
    public string Description => "what a session file holds (keys by id only), as JSON";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "the session file (.session is added to a name without extension)" };
        command.Add(file);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetRequiredValue(file), console, cancellationToken));
    }

    private static async Task<int> RunAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.HasExtension(file) ? file : file + SqliteSession.Extension);
        if (!File.Exists(path))
            return await JsonLine.ErrorAsync(console, $"there is no session file at {path}", 0);
        SessionData? session;
        try
        {
            await using var storage = new SqliteSession(path);
            session = await storage.LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidDataException or IOException)
        {
            return await JsonLine.ErrorAsync(console, $"{path} cannot be read as a session: {e.Message}", 0);
        }
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(Describe(path, session ?? SessionData.Empty)));
        return 0;
    }

    private static Dictionary<string, object?> Describe(string path, SessionData session) => new()
    {
        ["file"] = path,
        ["home_dc"] = session.HomeDcId,
        ["signed_in"] = session.IsSignedIn,
        ["user"] = session.User is { } user
            ? new Dictionary<string, object?> { ["id"] = user.Id, ["bot"] = user.Bot, ["dc"] = user.DcId, ["username"] = user.Username }
            : null,
        ["auth_keys"] = session.AuthKeys
            .OrderBy(k => k.DcId).ThenBy(k => k.Temporary)
            .Select(k => new Dictionary<string, object>
            {
                ["dc"] = k.DcId,
                ["temporary"] = k.Temporary,
                ["key_id"] = ((ulong)new AuthKey(k.Key.AsSpan()).Id).ToString("x16", CultureInfo.InvariantCulture),
            })
            .ToArray(),
        ["update_state"] = session.UpdateState is { } state
            ? new Dictionary<string, int> { ["pts"] = state.Pts, ["qts"] = state.Qts, ["date"] = state.Date, ["seq"] = state.Seq }
            : null,
        ["channels"] = session.ChannelPts.Count,
        ["peers"] = session.Peers.Count,
    };
}
