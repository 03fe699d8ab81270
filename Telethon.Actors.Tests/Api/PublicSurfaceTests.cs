using Akka.Actor;

namespace Telethon.Tests.Api;

/// <summary>
/// The public surface of Telethon.Actors is deliberate: what users call (the client, its options, events, filters, model
/// types and errors), connectors and the persistence configuration, and one namespace for applications that embed the
/// account actors. Everything else is internal. A new public type fails this test until it is added here on purpose.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] Expected =
    [
        "Telethon.Client",
        "Telethon.ClientOptions",
        "Telethon.LoginToken",
        "Telethon.PasswordToken",
        "Telethon.SignInResult",
        "Telethon.Connection.DcAddress",
        "Telethon.Connection.IDcConnector",
        "Telethon.Connection.TcpDcConnector",
        "Telethon.Connection.TelegramDataCenters",
        "Telethon.Connection.TelegramServerKeys",
        "Telethon.Embedding.AccountFailure",
        "Telethon.Embedding.AccountProps",
        "Telethon.Embedding.AccountRequest",
        "Telethon.Embedding.AccountResult",
        "Telethon.Embedding.AccountStatus",
        "Telethon.Embedding.AccountStopped",
        "Telethon.Embedding.CancelAccountRequest",
        "Telethon.Embedding.CatchUp",
        "Telethon.Embedding.GetAccountStatus",
        "Telethon.Embedding.HandlerRegistry",
        "Telethon.Embedding.StopAccount",
        "Telethon.Events.Event",
        "Telethon.Events.IEventContext",
        "Telethon.Events.MessageDeleted",
        "Telethon.Events.MessageEdited",
        "Telethon.Events.MessageEvent",
        "Telethon.Events.MessageRead",
        "Telethon.Events.NewMessage",
        "Telethon.Events.UpdatesLost",
        "Telethon.Filters.AllFilter",
        "Telethon.Filters.AnyFilter",
        "Telethon.Filters.ChatTypeFilter",
        "Telethon.Filters.ChatsFilter",
        "Telethon.Filters.CommandFilter",
        "Telethon.Filters.Filter",
        "Telethon.Filters.ForwardFilter",
        "Telethon.Filters.IncomingFilter",
        "Telethon.Filters.NotFilter",
        "Telethon.Filters.OutgoingFilter",
        "Telethon.Filters.PredicateFilter",
        "Telethon.Filters.ReplyFilter",
        "Telethon.Filters.SendersFilter",
        "Telethon.Filters.TextFilter",
        "Telethon.Handlers.HandlerResult",
        "Telethon.Hosting.TelethonPersistence",
        "Telethon.Hosting.TelethonRuntime",
        "Telethon.Model.Channel",
        "Telethon.Model.ChatKind",
        "Telethon.Model.Group",
        "Telethon.Model.Message",
        "Telethon.Model.AsyncList`1",
        "Telethon.Model.ChannelRef",
        "Telethon.Model.GroupRef",
        "Telethon.Model.Peer",
        "Telethon.Model.PeerLike",
        "Telethon.Model.PeerRef",
        "Telethon.Model.User",
        "Telethon.Model.UserRef",
        "Telethon.Sender.AuthKeyInvalidException",
        "Telethon.Sender.MigrateKind",
        "Telethon.Sender.MigrateRequiredException",
        "Telethon.Session.DcAuthKey",
        "Telethon.Session.ISessionStorage",
        "Telethon.Session.MemorySession",
        "Telethon.Session.PeerInfo",
        "Telethon.Session.PeerKind",
        "Telethon.Session.SessionActorSettings",
        "Telethon.Session.SessionData",
        "Telethon.Session.SessionUser",
        "Telethon.Session.SqliteSession",
        "Telethon.Session.UpdateState",
    ];

    // One list per area of the API, so additions in different areas do not touch the same lines.
    private static readonly string[] Messages = ["Telethon.Model.Forward"];

    private static readonly string[] DialogsAndParticipants =
    [
        "Telethon.Model.AdminRight",
        "Telethon.Model.ChatRestriction",
        "Telethon.Model.Dialog",
        "Telethon.Model.Draft",
        "Telethon.Model.Participant",
        "Telethon.Model.RecentAction",
    ];

    private static readonly string[] EventsAndFilters = [];

    private static readonly string[] ProductionDefaults = [];

    private static readonly string[] Formatting = [];

    private static readonly string[] Files = ["Telethon.Model.TransferProgress"];

    private static readonly string[] Media =
    [
        "Telethon.Filters.MediaFilter",
        "Telethon.Filters.MediaType",
        "Telethon.Model.AlbumBuilder",
        "Telethon.Model.File",
        "Telethon.Model.InFileLike",
    ];

    private static readonly string[] Buttons =
    [
        "Telethon.Events.ButtonCallback",
        "Telethon.Events.InlineQuery",
        "Telethon.Filters.DataFilter",
        "Telethon.Model.Button",
        "Telethon.Model.Buttons.Callback",
        "Telethon.Model.Buttons.RequestGeoLocation",
        "Telethon.Model.Buttons.RequestPhone",
        "Telethon.Model.Buttons.RequestPoll",
        "Telethon.Model.Buttons.SwitchInline",
        "Telethon.Model.Buttons.Text",
        "Telethon.Model.Buttons.Url",
        "Telethon.Model.CallbackAnswer",
        "Telethon.Model.InlineArticle",
        "Telethon.Model.InlineButton",
        "Telethon.Model.InlineQueryResult",
        "Telethon.Model.InlineResult",
        "Telethon.Model.Keyboard",
        "Telethon.Model.KeyboardKind",
    ];

    [Fact]
    public void Only_the_deliberate_types_are_public()
    {
        var exported = typeof(Client).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
        string[] expected = [.. Expected, .. Messages, .. DialogsAndParticipants, .. EventsAndFilters, .. ProductionDefaults, .. Formatting, .. Files, .. Media, .. Buttons];
        Assert.Equal(expected.Order(StringComparer.Ordinal), exported);
    }

    [Fact]
    public void No_actor_and_no_actor_message_with_a_delegate_or_token_is_public()
    {
        foreach (var type in typeof(Client).Assembly.GetExportedTypes())
        {
            Assert.False(typeof(ActorBase).IsAssignableFrom(type), $"{type} is an actor");
            if (type.Namespace != "Telethon.Embedding" || !type.IsClass || type == typeof(Embedding.HandlerRegistry) || type.IsAbstract)
                continue;
            // The embedding messages cross to wherever the account lives: plain data only.
            foreach (var property in type.GetProperties())
            {
                var t = property.PropertyType;
                Assert.False(typeof(Delegate).IsAssignableFrom(t) || t == typeof(CancellationToken) || t == typeof(Client),
                    $"{type.Name}.{property.Name} is a {t.Name}");
            }
        }
    }
}
