using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using A = Telethon.Tl.Functions.Auth;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

public sealed class AuthTests
{
    private static A.SendCode SendCode(string phone) => new() { PhoneNumber = phone, ApiId = 1, ApiHash = "h", Settings = new T.CodeSettings() };

    [Fact]
    public void LoginByCodeSignsInAndBindsTheAuthKey()
    {
        var h = new WorldHarness();
        var id = h.World.CreateUser("9996621234", "Alice", "Liddell", "alice");
        var session = h.NewSession(2);
        Assert.Equal(401, h.Fail(session, new TF.Updates.GetState()).Code);

        var sent = Assert.IsType<T.Auth.SentCode>(h.Call(session, SendCode("+999 662 1234")));
        Assert.Equal(5, Assert.IsType<T.Auth.SentCodeTypeApp>(sent.Type).Length);
        var auth = Assert.IsType<T.Auth.Authorization>(h.Call(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = "22222" }));
        var user = Assert.IsType<T.User>(auth.User);
        Assert.True(user.Self);
        Assert.Equal(id, user.Id);
        Assert.Equal("alice", user.Username);
        Assert.Equal("9996621234", user.Phone);

        var info = h.World.Identify(2, session.Context.AuthKeyId);
        Assert.NotNull(info);
        Assert.Equal(id, info.UserId);
        Assert.Null(h.World.Identify(3, session.Context.AuthKeyId));
        var state = Assert.IsType<T.Updates.State>(h.Call(session, new TF.Updates.GetState()));
        Assert.Equal(0, state.Pts);
        h.AssertClean();
    }

    [Fact]
    public void WrongExpiredOrMissingCodesAreRefused()
    {
        var h = new WorldHarness();
        h.World.CreateUser("9996621234", "Alice");
        var session = h.NewSession(2);
        var sent = (T.Auth.SentCode)h.Call(session, SendCode("9996621234"));

        Assert.Equal("PHONE_CODE_INVALID", h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = "11111" }).RawMessage);
        Assert.Equal("PHONE_CODE_EMPTY", h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = sent.PhoneCodeHash }).RawMessage);
        Assert.Equal("PHONE_CODE_HASH_EMPTY", h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = "", PhoneCode = "22222" }).RawMessage);
        Assert.Equal("PHONE_CODE_EXPIRED", h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = "other", PhoneCode = "22222" }).RawMessage);
        Assert.Equal("PHONE_NUMBER_INVALID", h.Fail(session, SendCode("12345")).RawMessage);
        Assert.Equal("API_ID_INVALID", h.Fail(session, new A.SendCode { PhoneNumber = "9996621234", ApiId = 0, ApiHash = "", Settings = new T.CodeSettings() }).RawMessage);

        h.Time.Advance(TimeSpan.FromMinutes(6));
        var expired = h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = "22222" });
        Assert.Equal(400, expired.Code);
        Assert.Equal("PHONE_CODE_EXPIRED", expired.RawMessage);
        Assert.Null(h.World.Identify(2, session.Context.AuthKeyId));
        h.AssertClean();
    }

    [Fact]
    public void UnregisteredNumberSignsUpOnItsDc()
    {
        var h = new WorldHarness();
        var session = h.NewSession(3);
        var sent = Assert.IsType<T.Auth.SentCode>(h.Call(session, SendCode("9996635555")));
        Assert.IsType<T.Auth.SentCodeTypeSms>(sent.Type);
        Assert.Equal("PHONE_CODE_INVALID", h.Fail(session, new A.SignUp { PhoneNumber = "9996635555", PhoneCodeHash = sent.PhoneCodeHash, FirstName = "New", LastName = "" }).RawMessage);
        Assert.IsType<T.Auth.AuthorizationSignUpRequired>(h.Call(session, new A.SignIn { PhoneNumber = "9996635555", PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = "33333" }));
        Assert.Equal("FIRSTNAME_INVALID", h.Fail(session, new A.SignUp { PhoneNumber = "9996635555", PhoneCodeHash = sent.PhoneCodeHash, FirstName = " ", LastName = "" }).RawMessage);

        var auth = Assert.IsType<T.Auth.Authorization>(h.Call(session, new A.SignUp { PhoneNumber = "9996635555", PhoneCodeHash = sent.PhoneCodeHash, FirstName = "New", LastName = "User" }));
        var user = Assert.IsType<T.User>(auth.User);
        Assert.Equal("New", user.FirstName);
        Assert.Equal(3, h.World.Identify(3, session.Context.AuthKeyId)!.HomeDc);
        Assert.Equal(user.Id, h.World.FindUserByPhone("9996635555"));
        Assert.Equal("PHONE_NUMBER_OCCUPIED", h.Fail(session, new A.SignUp { PhoneNumber = "9996635555", PhoneCodeHash = sent.PhoneCodeHash, FirstName = "Again", LastName = "" }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void PhoneMigrateSendsTheCallerToTheHomeDc()
    {
        var h = new WorldHarness();
        h.World.CreateUser("9996621234", "Alice");
        var onFour = h.NewSession(4);
        var migrate = h.Fail(onFour, SendCode("9996621234"));
        Assert.Equal(303, migrate.Code);
        Assert.Equal("PHONE_MIGRATE_2", migrate.RawMessage);
        Assert.Equal(2, migrate.Value);
        Assert.Equal("PHONE_MIGRATE_5", h.Fail(onFour, SendCode("9996650000")).RawMessage);
        Assert.Equal("PHONE_MIGRATE_2", h.Fail(onFour, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = "x", PhoneCode = "22222" }).RawMessage);
    }

    [Fact]
    public void TwoFactorPasswordIsCheckedWithSrp()
    {
        var h = new WorldHarness();
        var id = h.World.CreateUser("9996621234", "Alice");
        h.World.SetPassword(id, "correct horse", "horse");
        var session = h.NewSession(2);
        var sent = (T.Auth.SentCode)h.Call(session, SendCode("9996621234"));
        var needed = h.Fail(session, new A.SignIn { PhoneNumber = "9996621234", PhoneCodeHash = sent.PhoneCodeHash, PhoneCode = "22222" });
        Assert.Equal(401, needed.Code);
        Assert.Equal("SESSION_PASSWORD_NEEDED", needed.RawMessage);
        Assert.Equal("SESSION_PASSWORD_NEEDED", h.Fail(session, new TF.Updates.GetState()).RawMessage);

        var password = Assert.IsType<T.Account.Password>(h.Call(session, new TF.Account.GetPassword()));
        Assert.True(password.HasPassword);
        Assert.Equal("horse", password.Hint);
        Assert.Equal("PASSWORD_HASH_INVALID", h.Fail(session, new A.CheckPassword { Password = WorldHarness.Answer(password, "wrong") }).RawMessage);
        Assert.Equal("SRP_ID_INVALID", h.Fail(session, new A.CheckPassword { Password = WorldHarness.Answer(password, "correct horse") }).RawMessage);
        Assert.Equal("PASSWORD_HASH_INVALID", h.Fail(session, new A.CheckPassword { Password = new T.InputCheckPasswordEmpty() }).RawMessage);

        password = (T.Account.Password)h.Call(session, new TF.Account.GetPassword());
        var auth = Assert.IsType<T.Auth.Authorization>(h.Call(session, new A.CheckPassword { Password = WorldHarness.Answer(password, "correct horse") }));
        Assert.Equal(id, Assert.IsType<T.User>(auth.User).Id);
        Assert.False(h.World.Identify(2, session.Context.AuthKeyId)!.PasswordPending);
        Assert.IsType<T.Updates.State>(h.Call(session, new TF.Updates.GetState()));

        var plain = h.Login("9996627777", "NoPassword");
        var none = Assert.IsType<T.Account.Password>(h.Call(plain, new TF.Account.GetPassword()));
        Assert.False(none.HasPassword);
        Assert.IsType<T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow>(none.NewAlgo);
        h.AssertClean();
    }

    [Fact]
    public void BotTokensAuthorizeBotsOnTheirDc()
    {
        var h = new WorldHarness();
        var botId = h.World.CreateBot("7000001:AAsecret", "Echo", "echo_bot", dc: 2);
        var session = h.NewSession(2);
        Assert.Equal("ACCESS_TOKEN_INVALID", h.Fail(session, new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:wrong" }).RawMessage);
        Assert.Equal("ACCESS_TOKEN_INVALID", h.Fail(session, new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "not a token" }).RawMessage);
        Assert.Equal("ACCESS_TOKEN_INVALID", h.Fail(session, new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000002:unknown" }).RawMessage);
        Assert.Equal("USER_MIGRATE_2", h.Fail(h.NewSession(1), new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:AAsecret" }).RawMessage);

        var auth = Assert.IsType<T.Auth.Authorization>(h.Call(session, new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:AAsecret" }));
        var bot = Assert.IsType<T.User>(auth.User);
        Assert.True(bot.Bot);
        Assert.Equal(botId, bot.Id);
        session.UserId = botId;
        Assert.Equal("BOT_METHOD_INVALID", h.Fail(session, new TF.Messages.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }).RawMessage);

        var auto = new WorldHarness(o => o with { AllowBotAutocreate = true });
        var autoSession = auto.NewSession(2);
        var created = Assert.IsType<T.Auth.Authorization>(auto.Call(autoSession, new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "8123:abc" }));
        Assert.Equal(8123, Assert.IsType<T.User>(created.User).Id);
        Assert.Equal("ACCESS_TOKEN_INVALID", auto.Fail(auto.NewSession(2), new A.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "8123:other" }).RawMessage);
    }

    [Fact]
    public void ExportedAuthorizationWorksOnceOnTheOtherDcAndAccountCallsThereMigrate()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621234", "Alice");
        Assert.Equal("DC_ID_INVALID", h.Fail(alice, new A.ExportAuthorization { DcId = 2 }).RawMessage);
        Assert.Equal("DC_ID_INVALID", h.Fail(alice, new A.ExportAuthorization { DcId = 9 }).RawMessage);
        var exported = Assert.IsType<T.Auth.ExportedAuthorization>(h.Call(alice, new A.ExportAuthorization { DcId = 4 }));
        Assert.Equal(alice.UserId, exported.Id);

        var onThree = h.NewSession(3);
        Assert.Equal("AUTH_BYTES_INVALID", h.Fail(onThree, new A.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes }).RawMessage);
        var onFour = h.NewSession(4);
        Assert.Equal("AUTH_BYTES_INVALID", h.Fail(onFour, new A.ImportAuthorization { Id = exported.Id + 1, Bytes = exported.Bytes }).RawMessage);
        var imported = Assert.IsType<T.Auth.Authorization>(h.Call(onFour, new A.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes }));
        Assert.Equal(alice.UserId, Assert.IsType<T.User>(imported.User).Id);
        Assert.Equal("AUTH_BYTES_INVALID", h.Fail(h.NewSession(4), new A.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes }).RawMessage);

        onFour.UserId = alice.UserId;
        var migrate = h.Fail(onFour, new TF.Updates.GetState());
        Assert.Equal(303, migrate.Code);
        Assert.Equal("USER_MIGRATE_2", migrate.RawMessage);
        Assert.Equal("USER_MIGRATE_2", h.Fail(onFour, new TF.Messages.SendMessage { Peer = new T.InputPeerSelf(), Message = "x", RandomId = 1 }).RawMessage);
        Assert.IsType<T.Config>(h.Call(onFour, new TF.Help.GetConfig()));
    }

    [Fact]
    public void LogOutForgetsTheAuthorization()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621234", "Alice");
        Assert.IsType<T.Auth.LoggedOut>(h.Call(alice, new A.LogOut()));
        var error = h.Fail(alice, new TF.Updates.GetState());
        Assert.Equal(401, error.Code);
        Assert.Equal("AUTH_KEY_UNREGISTERED", error.RawMessage);
        Assert.Equal("AUTH_KEY_UNREGISTERED", h.Fail(alice, new A.LogOut()).RawMessage);
    }

    [Fact]
    public void WrappersAreUnwrappedAndRecorded()
    {
        var h = new WorldHarness();
        var session = h.NewSession(5);
        var request = new TF.InvokeWithLayer<Config>
        {
            Layer = 223,
            Query = new TF.InitConnection<Config>
            {
                ApiId = 42,
                DeviceModel = "tests",
                SystemVersion = "linux",
                AppVersion = "1.0",
                SystemLangCode = "en",
                LangPack = "",
                LangCode = "en",
                Query = new TF.InvokeWithoutUpdates<Config> { Query = new TF.Help.GetConfig() },
            },
        };
        var config = Assert.IsType<T.Config>(h.Call(session, request));
        Assert.Equal(5, config.ThisDc);
        Assert.Equal(5, config.DcOptions.Length);
        var five = Assert.IsType<T.DcOption>(config.DcOptions[4]);
        Assert.True(five.Ipv6);
        Assert.Equal(10445, five.Port);
        Assert.True(config.Expires > config.Date);
        Assert.Equal(223, session.Context.Layer);
        Assert.Equal("tests", session.Context.Client!.DeviceModel);
        var (layer, client) = h.World.GetClient(5, session.Context.AuthKeyId);
        Assert.Equal(223, layer);
        Assert.Equal(42, client!.ApiId);
        var nearest = Assert.IsType<T.NearestDc>(h.Call(session, new TF.Help.GetNearestDc()));
        Assert.Equal(5, nearest.ThisDc);
    }

    [Fact]
    public void UnimplementedMethodsAnswerAClearError()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621234", "Alice");
        var error = h.Fail(alice, new TF.Account.GetAuthorizations());
        Assert.Equal(400, error.Code);
        Assert.Equal(RpcDispatcher.NotImplemented, error.RawMessage);
        Assert.Equal(1, h.Dispatcher.UnimplementedCalls["account.getAuthorizations"]);
        Assert.Contains("messages.sendMessage", h.Dispatcher.ImplementedMethods);
        Assert.Equal("INPUT_REQUEST_INVALID", h.Dispatcher.Invoke(alice.Context, null!).Error!.RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void HandlersCanBeAddedOrReplaced()
    {
        var world = new TelegramWorld(new WorldOptions { WorldSecret = [1] });
        var dispatcher = new RpcDispatcher(world, new RpcDispatcherOptions(), table =>
            table.Add<TF.Help.GetNearestDc>(TF.Help.GetNearestDc.TlConstructorId, HandlerAccess.Anyone,
                (r, _) => new T.NearestDc { Country = "NL", ThisDc = r.Context.DcId, NearestDcValue = 4 }));
        var outcome = dispatcher.Invoke(new CallContext(2, 1, 1), new TF.Help.GetNearestDc());
        var nearest = Assert.IsType<T.NearestDc>(outcome.Value);
        Assert.Equal("NL", nearest.Country);
        Assert.Equal(4, nearest.NearestDcValue);
    }
}
