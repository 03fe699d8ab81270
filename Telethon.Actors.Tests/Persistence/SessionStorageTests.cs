using Microsoft.Data.Sqlite;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

public sealed class SessionStorageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static SessionData Sample(int pts) => SessionData.Empty
        .Apply(new AuthKeyCreated(2, Key(1), 11))
        .Apply(new AuthKeyCreated(2, Key(2), 22, true))
        .Apply(new SignedIn(777, false, 2, "carol"))
        .Apply(new UpdateStateAdvanced(pts, 3, 1_700_000_000, 9))
        .Apply(new ChannelPtsAdvanced(1_000_000_000_123, 45))
        .Apply(new PeerSeen(5, PeerKind.User, 55, "dave"))
        .Apply(new PeerSeen(6, PeerKind.Channel, -66));

    [Fact]
    public async Task MemorySession_keeps_what_was_saved_and_starts_empty_or_with_a_given_session()
    {
        await using var empty = new MemorySession();
        Assert.Null(await empty.LoadAsync());
        await empty.SaveAsync(Sample(1));
        await empty.CloseAsync();
        Assert.Equal(Sample(1), await empty.LoadAsync());

        await using var seeded = new MemorySession(Sample(2));
        Assert.Equal(Sample(2), await seeded.LoadAsync());
    }

    [Fact]
    public async Task SqliteSession_survives_closing_and_a_new_instance_on_the_same_file()
    {
        var path = _folder.File("nested/dir/account");
        await using (var storage = new SqliteSession(path))
        {
            Assert.Equal(path + ".session", storage.FilePath);
            Assert.Null(await storage.LoadAsync());
            await storage.SaveAsync(Sample(10));
            await storage.SaveAsync(Sample(11));
            await storage.CloseAsync();
            Assert.Equal(Sample(11), await storage.LoadAsync()); // reopens after close
        }

        Assert.True(File.Exists(path + ".session"));
        await using var again = new SqliteSession(path);
        Assert.Equal(Sample(11), await again.LoadAsync());
        Assert.Equal(1, SqliteScalar(path + ".session", "SELECT COUNT(*) FROM telethon_session"));
    }

    [Fact]
    public async Task SqliteSession_keeps_an_explicit_extension_and_refuses_another_format_version()
    {
        var path = _folder.File("account.db");
        await using (var storage = new SqliteSession(path))
        {
            Assert.Equal(path, storage.FilePath);
            await storage.SaveAsync(SessionData.Empty);
            Assert.Equal(SessionData.Empty, await storage.LoadAsync());
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE telethon_session SET version = 99";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        await using var newer = new SqliteSession(path);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => newer.LoadAsync());
        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storages_are_interchangeable_behind_the_interface()
    {
        ISessionStorage[] storages = [new MemorySession(), new SqliteSession(_folder.File("x"))];
        foreach (var storage in storages)
        {
            await using (storage)
            {
                var session = Sample(3).WithMessageBoxState(new MessageBoxState(400, 4, 5, 6, new Dictionary<long, int> { [1] = 2 }));
                await storage.SaveAsync(session);
                var loaded = await storage.LoadAsync();
                Assert.Equal(400, loaded!.ToMessageBoxState()!.Pts);
                Assert.Equal(session, loaded);
            }
        }
    }
}
