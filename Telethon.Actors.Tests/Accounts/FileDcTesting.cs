using System.Collections.Concurrent;
using Akka.Actor;
using Telethon.Embedding;
using Telethon.Hosting;
using Telethon.Session;
using Telethon.TestServer.Config;
using Telethon.TestServer.Rpc;
using Telethon.Tests.EndToEnd;
using Telethon.Tl;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Accounts;

/// <summary>
/// The test server with two additions for the file DC tests: a count of the authorizations imported per DC (around the
/// server's own auth.importAuthorization), and a stand-in for upload.getFile until the server serves files: one file
/// that lives on DC <see cref="FileDc"/>, answered there to an authorized key and with 303 FILE_MIGRATE_4 on every other
/// DC, as Telegram does.
/// </summary>
internal sealed class FileDcServer : IAsyncDisposable
{
    public const int FileDc = 4;

    private readonly ConcurrentDictionary<int, int> _imports = new();

    private FileDcServer()
    {
    }

    public EndToEndServer Server { get; private set; } = null!;

    /// <summary>The file's bytes: more than two parts of 1 MB and not a multiple of one, each its offset modulo 251.</summary>
    public static byte[] Content { get; } = Enumerable.Range(0, 2_300_000).Select(i => (byte)(i % 251)).ToArray();

    /// <summary>Where the stand-in's file is (any location names it).</summary>
    public static TlTypes.InputDocumentFileLocation Location { get; } = new() { Id = 1, AccessHash = 2, FileReference = [], ThumbSize = "" };

    public static async Task<FileDcServer> StartAsync(FaultOptions? faults = null)
    {
        var files = new FileDcServer();
        files.Server = await EndToEndServer.StartAsync(faults, handlers: files.Register);
        return files;
    }

    /// <summary>The authorizations imported on DC <paramref name="dcId"/> so far.</summary>
    public int Imports(int dcId) => _imports.GetValueOrDefault(dcId);

    /// <summary>upload.getFile of the file at <paramref name="offset"/>, through <paramref name="client"/>, sent to <paramref name="dcId"/> (null: home).</summary>
    public static async Task<byte[]> GetFileAsync(Client client, int? dcId, long offset = 0, int limit = 1024)
    {
        var file = await client.InvokeAsync(new Fn.Upload.GetFile
        {
            Location = Location,
            Offset = offset,
            Limit = limit,
        }, dcId, CancellationToken.None);
        return Assert.IsType<TlTypes.Upload.File>(file).Bytes;
    }

    /// <summary>help.getConfig sent to <paramref name="dcId"/>: the DC that answered (this_dc).</summary>
    public static async Task<int> ThisDcAsync(Client client, int? dcId) =>
        Assert.IsType<TlTypes.Config>(await client.InvokeAsync(new Fn.Help.GetConfig(), dcId, CancellationToken.None)).ThisDc;

    /// <summary>
    /// A method that needs an authorized key and is served on any DC (auth.exportAuthorization for yet another DC):
    /// it succeeds on <paramref name="dcId"/> only when the account's authorization is there.
    /// </summary>
    public static Task ProveAuthorizedAsync(Client client, int dcId) =>
        client.InvokeAsync(new Fn.Auth.ExportAuthorization { DcId = dcId == 5 ? 1 : 5 }, dcId, CancellationToken.None);

    /// <summary>The session of a running account, as its session actor holds it now.</summary>
    public static async Task<SessionData> SessionOfAsync(TelethonRuntime runtime, string key) =>
        await (await AccountTesting.ChildAsync(runtime, key, "session-")).Ask<SessionData>(GetSessionData.Instance, TimeSpan.FromSeconds(30));

    /// <summary>The auth_key_id of the session's key for <paramref name="dcId"/>.</summary>
    public static long KeyIdOf(SessionData session, int dcId) =>
        new global::Telethon.Crypto.AuthKey((session.GetAuthKey(dcId) ?? throw new InvalidOperationException($"no key for DC {dcId}")).Key.AsSpan()).Id;

    /// <summary>The names of the account's senders (its dc-N-n children), sorted.</summary>
    public static async Task<string[]> SendersAsync(TelethonRuntime runtime, string key)
    {
        var account = await AccountTesting.AccountAsync(runtime, key);
        return ((ActorRefWithCell)account).Children.Select(c => c.Path.Name).Where(n => n.StartsWith("dc-", StringComparison.Ordinal)).Order().ToArray();
    }

    /// <summary>The DC of each sender name (dc-4-7 → 4), sorted.</summary>
    public static int[] DcsOf(IEnumerable<string> senders) =>
        senders.Select(n => int.Parse(n.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();

    /// <summary>The account's home DC as the account reports it.</summary>
    public static async Task<int> HomeDcAsync(TelethonRuntime runtime, string key) =>
        (await (await AccountTesting.AccountAsync(runtime, key)).Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30))).HomeDc;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private void Register(HandlerTable table)
    {
        table.Add<Fn.Auth.ImportAuthorization>(Fn.Auth.ImportAuthorization.TlConstructorId, HandlerAccess.Anyone, (request, import) =>
        {
            var authorization = request.World.Accounts.ImportAuthorization(request.Context.Session, import);
            _imports.AddOrUpdate(request.Context.DcId, 1, (_, n) => n + 1);
            return authorization;
        });
        table.Add<Fn.Upload.GetFile>(Fn.Upload.GetFile.TlConstructorId, HandlerAccess.Authorized, (request, get) =>
        {
            if (request.Context.DcId != FileDc)
                throw new RpcError(303, $"FILE_MIGRATE_{FileDc}");
            var offset = (int)Math.Min(get.Offset, Content.Length);
            var bytes = Content.AsSpan(offset, Math.Min(get.Limit, Content.Length - offset)).ToArray();
            return new TlTypes.Upload.File { Type = new TlTypes.Storage.FilePartial(), Mtime = 0, Bytes = bytes };
        });
    }
}
