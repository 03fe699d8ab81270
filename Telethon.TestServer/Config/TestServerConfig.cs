using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using Telethon.TestServer.World;

namespace Telethon.TestServer.Config;

/// <summary>A seeded user account.</summary>
public sealed record SeedAccount(string Phone, string FirstName, string LastName, string? Username, string? Password, string? Hint, IReadOnlyList<string> Contacts, int? Dc);

/// <summary>A seeded bot.</summary>
public sealed record SeedBot(string Token, string FirstName, string? Username, int? Dc, string? InlinePlaceholder = null);

/// <summary>A seeded small group.</summary>
public sealed record SeedChat(string Title, string Creator, IReadOnlyList<string> Members);

/// <summary>A seeded supergroup or broadcast channel.</summary>
public sealed record SeedChannel(string Title, bool Broadcast, string? Username, string About, string Creator, IReadOnlyList<string> Members, IReadOnlyList<string> Admins);

/// <summary>What to create in a fresh world. Peers are named by phone, <c>@username</c> or user id.</summary>
public sealed record WorldSeed
{
    /// <summary>User accounts.</summary>
    public IReadOnlyList<SeedAccount> Accounts { get; init; } = [];

    /// <summary>Bots.</summary>
    public IReadOnlyList<SeedBot> Bots { get; init; } = [];

    /// <summary>Small groups.</summary>
    public IReadOnlyList<SeedChat> Chats { get; init; } = [];

    /// <summary>Supergroups and channels.</summary>
    public IReadOnlyList<SeedChannel> Channels { get; init; } = [];

    /// <summary>Creates everything in <paramref name="world"/>; returns the ids by name (phone, @username, bot token id, chat or channel title).</summary>
    /// <exception cref="ArgumentException">A name does not resolve, or a phone, token or username is invalid or taken.</exception>
    public IReadOnlyDictionary<string, long> ApplyTo(TelegramWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var ids = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in Accounts)
        {
            var id = world.CreateUser(account.Phone, account.FirstName, account.LastName, account.Username, account.Dc);
            ids[TelegramWorld.NormalizePhone(account.Phone)] = id;
            if (account.Username is { } u)
                ids["@" + u] = id;
            if (account.Password is { } password)
                world.SetPassword(id, password, account.Hint);
        }
        foreach (var bot in Bots)
        {
            var id = world.CreateBot(bot.Token, bot.FirstName, bot.Username, bot.Dc);
            if (bot.InlinePlaceholder is { Length: > 0 } placeholder)
                world.SetBotInlinePlaceholder(id, placeholder);
            ids[id.ToString(CultureInfo.InvariantCulture)] = id;
            if (bot.Username is { } u)
                ids["@" + u] = id;
        }
        foreach (var account in Accounts)
        {
            var id = ids[TelegramWorld.NormalizePhone(account.Phone)];
            foreach (var contact in account.Contacts)
                world.AddContact(id, Resolve(world, contact));
        }
        foreach (var chat in Chats)
            ids[chat.Title] = world.CreateChat(Resolve(world, chat.Creator), chat.Title, chat.Members.Select(m => Resolve(world, m)));
        foreach (var channel in Channels)
        {
            var creator = Resolve(world, channel.Creator);
            var id = world.CreateChannel(creator, channel.Title, channel.Broadcast, channel.Username, channel.Members.Select(m => Resolve(world, m)), channel.About);
            foreach (var admin in channel.Admins)
                world.PromoteToAdmin(id, Resolve(world, admin));
            ids[channel.Title] = id;
            if (channel.Username is { } u)
                ids["@" + u] = id;
        }
        return ids;
    }

    private static long Resolve(TelegramWorld world, string name)
    {
        if (name.StartsWith('@'))
            return world.FindUsername(name) is { Kind: PeerKind.User } peer ? peer.Id : throw new ArgumentException($"No user {name}.");
        if (world.FindUserByPhone(name) is { } byPhone)
            return byPhone;
        if (long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && world.Exists(new PeerKey(PeerKind.User, id)))
            return id;
        throw new ArgumentException($"No user '{name}' (use a phone, @username or user id).");
    }
}

/// <summary>
/// The test server's configuration from HOCON (see config/testserver.md): the world, the seed and the
/// faults, under <c>telethon.test-server</c> by default. Parsed with Akka's HOCON reader.
/// </summary>
public sealed record TestServerConfig
{
    /// <summary>The default HOCON path.</summary>
    public const string DefaultPath = "telethon.test-server";

    /// <summary>The world settings.</summary>
    public WorldOptions World { get; init; } = new();

    /// <summary>What to create.</summary>
    public WorldSeed Seed { get; init; } = new();

    /// <summary>The faults.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Reads a configuration file.</summary>
    public static TestServerConfig Load(string file, string path = DefaultPath) => Parse(File.ReadAllText(file), path);

    /// <summary>Parses HOCON text; missing keys take their defaults.</summary>
    /// <exception cref="FormatException">A value has the wrong form.</exception>
    public static TestServerConfig Parse(string hocon, string path = DefaultPath)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        var root = ConfigurationFactory.ParseString(hocon);
        var config = root.HasPath(path) ? root.GetConfig(path) : Akka.Configuration.Config.Empty;
        try
        {
            return new TestServerConfig
            {
                World = ParseWorld(Sub(config, "world")),
                Seed = ParseSeed(Sub(config, "seed")),
                Faults = ParseFaults(Sub(config, "faults")),
            };
        }
        catch (Exception e) when (e is not FormatException and (ArgumentException or InvalidOperationException or OverflowException or Akka.Configuration.ConfigurationException))
        {
            throw new FormatException($"Invalid test server configuration: {e.Message}", e);
        }
    }

    private static Akka.Configuration.Config Sub(Akka.Configuration.Config config, string path) =>
        !config.IsEmpty && config.HasPath(path) ? config.GetConfig(path) : Akka.Configuration.Config.Empty;

    private static IEnumerable<Akka.Configuration.Config> Objects(Akka.Configuration.Config config, string path)
    {
        if (config.IsEmpty || !config.HasPath(path))
            yield break;
        foreach (var value in config.GetValue(path).GetArray())
        {
            if (!value.IsObject())
                throw new FormatException($"Every element of '{path}' must be an object.");
            yield return new Akka.Configuration.Config(new HoconRoot(value));
        }
    }

    private static string? Str(Akka.Configuration.Config c, string path) =>
        !c.IsEmpty && c.HasPath(path) ? c.GetString(path) : null;

    private static string Required(Akka.Configuration.Config c, string path, string what) =>
        Str(c, path) is { Length: > 0 } s ? s : throw new FormatException($"{what} needs '{path}'.");

    private static int Int(Akka.Configuration.Config c, string path, int fallback) => !c.IsEmpty && c.HasPath(path) ? c.GetInt(path) : fallback;

    private static double Double(Akka.Configuration.Config c, string path) => !c.IsEmpty && c.HasPath(path) ? c.GetDouble(path) : 0;

    private static bool Bool(Akka.Configuration.Config c, string path) => !c.IsEmpty && c.HasPath(path) && c.GetBoolean(path);

    private static TimeSpan Time(Akka.Configuration.Config c, string path, TimeSpan fallback) =>
        !c.IsEmpty && c.HasPath(path) ? c.GetTimeSpan(path, fallback, false) : fallback;

    private static IReadOnlyList<string> Strings(Akka.Configuration.Config c, string path) =>
        !c.IsEmpty && c.HasPath(path) ? [.. c.GetStringList(path)] : [];

    // The world settings a file can hold; the clock, randomness, logs and faults come from code.
    private static WorldOptions ParseWorld(Akka.Configuration.Config c)
    {
        var defaults = new WorldOptions();
        var secret = Str(c, "secret");
        return new WorldOptions
        {
            DcIds = !c.IsEmpty && c.HasPath("dcs") ? [.. c.GetIntList("dcs")] : defaults.DcIds,
            DefaultBotDc = Int(c, "default-bot-dc", defaults.DefaultBotDc),
            WorldSecret = string.IsNullOrEmpty(secret) ? null : Convert.FromHexString(secret),
            AllowBotAutocreate = Bool(c, "allow-bot-autocreate"),
            DifferenceSliceSize = Int(c, "difference.slice-size", defaults.DifferenceSliceSize),
            DifferenceTooLong = Int(c, "difference.too-long", defaults.DifferenceTooLong),
            ChannelDifferenceTooLong = Int(c, "difference.channel-too-long", defaults.ChannelDifferenceTooLong),
            AccountLogCapacity = Int(c, "difference.account-log-capacity", defaults.AccountLogCapacity),
            ChannelLogCapacity = Int(c, "difference.channel-log-capacity", defaults.ChannelLogCapacity),
            ChannelDifferenceTimeout = Int(c, "difference.channel-timeout", defaults.ChannelDifferenceTimeout),
            FileDc = !c.IsEmpty && c.HasPath("file-dc") ? c.GetInt("file-dc") : null,
            FileStorageLimit = !c.IsEmpty && c.HasPath("files.storage-limit") ? c.GetByteSize("files.storage-limit") ?? defaults.FileStorageLimit : defaults.FileStorageLimit,
            FileFolder = Str(c, "files.folder"),
            BotResponseTimeout = PositiveTime(Time(c, "bot-response-timeout", defaults.BotResponseTimeout), "bot-response-timeout"),
        };
    }

    private static int? OptionalDc(Akka.Configuration.Config c) => !c.IsEmpty && c.HasPath("dc") ? c.GetInt("dc") : null;

    private static WorldSeed ParseSeed(Akka.Configuration.Config c) => new()
    {
        Accounts = [.. Objects(c, "accounts").Select(a => new SeedAccount(
            Required(a, "phone", "A seeded account"), Required(a, "first-name", "A seeded account"), Str(a, "last-name") ?? "",
            Str(a, "username"), Str(a, "password"), Str(a, "hint"), Strings(a, "contacts"), OptionalDc(a)))],
        Bots = [.. Objects(c, "bots").Select(b => new SeedBot(
            Required(b, "token", "A seeded bot"), Str(b, "first-name") ?? "Bot", Str(b, "username"), OptionalDc(b), Str(b, "inline-placeholder")))],
        Chats = [.. Objects(c, "chats").Select(g => new SeedChat(
            Required(g, "title", "A seeded chat"), Required(g, "creator", "A seeded chat"), Strings(g, "members")))],
        Channels = [.. Objects(c, "channels").Select(ch => new SeedChannel(
            Required(ch, "title", "A seeded channel"), ChannelType(Str(ch, "type")), Str(ch, "username"), Str(ch, "about") ?? "",
            Required(ch, "creator", "A seeded channel"), Strings(ch, "members"), Strings(ch, "admins")))],
    };

    private static bool ChannelType(string? type) => type switch
    {
        null or "megagroup" or "supergroup" => false,
        "broadcast" or "channel" => true,
        _ => throw new FormatException($"Channel type '{type}' is neither megagroup nor broadcast."),
    };

    private static FaultOptions ParseFaults(Akka.Configuration.Config c)
    {
        if (c.IsEmpty)
            return FaultOptions.None;
        var salt = Time(c, "salt-rotation-interval", TimeSpan.Zero);
        return new FaultOptions
        {
            Seed = Int(c, "seed", 0),
            FloodRules = [.. Objects(c, "flood").Select(f => new FloodRule(
                Str(f, "method") ?? "*", new AccountSelector(Str(f, "account") ?? "*"),
                Positive(Int(f, "max-calls", 0), "flood max-calls"), PositiveTime(Time(f, "window", TimeSpan.Zero), "flood window")))],
            Connection = new ConnectionFaultOptions(Int(c, "connection.drop-after-frames", 0), Probability(Double(c, "connection.drop-probability"))),
            Delay = new DelayOptions(Probability(Double(c, "delay.probability")), Time(c, "delay.min", TimeSpan.Zero), Time(c, "delay.max", TimeSpan.Zero),
                Strings(c, "delay.methods")),
            Updates = new UpdateFaultOptions(
                Probability(Double(c, "updates.reorder-probability")), Probability(Double(c, "updates.duplicate-probability")),
                Probability(Double(c, "updates.withhold-probability")),
                [.. Objects(c, "updates.withhold").Select(w => new WithholdRule(
                    new AccountSelector(Str(w, "account") ?? "*"), WithholdChannel(Str(w, "channel")),
                    Int(w, "from-pts", 0), Int(w, "to-pts", int.MaxValue)))]),
            SaltRotationInterval = salt > TimeSpan.Zero ? salt : null,
            ForceNewSessionProbability = Probability(Double(c, "new-session.probability")),
            ForceNewSessionEvery = Int(c, "new-session.every", 0),
            HeldMethods = Strings(c, "hold"),
        };
    }

    private static long? WithholdChannel(string? channel) => channel switch
    {
        null or "" => null,
        "*" => 0,
        _ => long.Parse(channel, NumberStyles.None, CultureInfo.InvariantCulture),
    };

    private static int Positive(int value, string what) => value > 0 ? value : throw new FormatException($"{what} must be positive.");

    private static TimeSpan PositiveTime(TimeSpan value, string what) => value > TimeSpan.Zero ? value : throw new FormatException($"{what} must be positive.");

    private static double Probability(double p) => p is >= 0 and <= 1 ? p : throw new FormatException($"A probability must be within 0..1, got {p}.");
}
