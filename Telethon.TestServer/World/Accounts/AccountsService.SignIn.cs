using Telethon.Crypto;
using Telethon.Tl.Abcs;
using FA = Telethon.Tl.Functions.Auth;
using FAccount = Telethon.Tl.Functions.Account;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class AccountsService
{
    /// <summary>auth.sendCode: a code (X five times for 99966XYYYY) for a test number on its home DC.</summary>
    public Tl.Abcs.Auth.SentCode SendCode(SessionKey session, FA.SendCode request)
    {
        CheckApi(request.ApiId, request.ApiHash);
        return SendCode(session, request.PhoneNumber);
    }

    /// <inheritdoc cref="SendCode(SessionKey, FA.SendCode)"/>
    public Tl.Abcs.Auth.SentCode SendCode(SessionKey session, string phone)
    {
        using (_gate.Enter())
        {
            var (normalized, home, account) = PhoneAccount(phone);
            if (session.DcId != home)
                throw WorldErrors.Migrate("PHONE", home);
            var hash = Convert.ToHexString(RandomBytes(9)).ToLowerInvariant();
            _codes[normalized] = new PendingCode(hash, CodeFor(home), Options.Time.GetUtcNow() + Options.PhoneCodeLifetime);
            return new T.Auth.SentCode
            {
                Type = account is not null ? new T.Auth.SentCodeTypeApp { Length = 5 } : new T.Auth.SentCodeTypeSms { Length = 5 },
                PhoneCodeHash = hash,
                // As Telegram: a code sent in the app may be sent again by SMS after a while.
                NextType = account is not null ? new T.Auth.CodeTypeSms() : null,
                Timeout = account is not null ? ResendAfterSeconds : null,
            };
        }
    }

    /// <summary>How long after a code sent in the app auth.resendCode may send it by SMS (sentCode's timeout).</summary>
    public const int ResendAfterSeconds = 60;

    /// <summary>auth.signIn.</summary>
    public Tl.Abcs.Auth.Authorization SignIn(SessionKey session, FA.SignIn request) =>
        SignIn(session, request.PhoneNumber, request.PhoneCodeHash, request.PhoneCode);

    /// <inheritdoc cref="SignIn(SessionKey, FA.SignIn)"/>
    public Tl.Abcs.Auth.Authorization SignIn(SessionKey session, string phone, string phoneCodeHash, string? code)
    {
        using (_gate.Enter())
        {
            var (normalized, home, account) = PhoneAccount(phone);
            if (session.DcId != home)
                throw WorldErrors.Migrate("PHONE", home);
            var pending = CheckCode(normalized, phoneCodeHash);
            if (string.IsNullOrEmpty(code))
                throw WorldErrors.Bad("PHONE_CODE_EMPTY");
            if (code != pending.Code)
                throw WorldErrors.Bad("PHONE_CODE_INVALID");
            if (account is null)
            {
                pending.Verified = true;
                return new T.Auth.AuthorizationSignUpRequired();
            }
            _codes.Remove(normalized);
            if (account.Password is not null)
            {
                Bind(session, account.Id, passwordPending: true);
                throw WorldErrors.Unauthorized("SESSION_PASSWORD_NEEDED");
            }
            Bind(session, account.Id, passwordPending: false);
            return new T.Auth.Authorization { User = _world.Peers.UserView(account.Id, account.Id) };
        }
    }

    /// <summary>auth.signUp (after auth.signIn answered auth.authorizationSignUpRequired).</summary>
    public Tl.Abcs.Auth.Authorization SignUp(SessionKey session, FA.SignUp request)
    {
        using (_gate.Enter())
        {
            var (normalized, home, account) = PhoneAccount(request.PhoneNumber);
            if (session.DcId != home)
                throw WorldErrors.Migrate("PHONE", home);
            if (account is not null)
                throw WorldErrors.Bad("PHONE_NUMBER_OCCUPIED");
            var pending = CheckCode(normalized, request.PhoneCodeHash);
            if (!pending.Verified)
                throw WorldErrors.Bad("PHONE_CODE_INVALID");
            var firstName = request.FirstName;
            var lastName = request.LastName;
            if (string.IsNullOrWhiteSpace(firstName) || firstName.Length > 64)
                throw WorldErrors.Bad("FIRSTNAME_INVALID");
            if (lastName is { Length: > 64 })
                throw WorldErrors.Bad("LASTNAME_INVALID");
            _codes.Remove(normalized);
            var id = Register(null, normalized, firstName.Trim(), lastName?.Trim() ?? "", null, home, botSecret: null);
            Bind(session, id, passwordPending: false);
            return new T.Auth.Authorization { User = _world.Peers.UserView(id, id) };
        }
    }

    /// <summary>account.getPassword: the current SRP parameters and a fresh srp_B / srp_id.</summary>
    public Tl.Abcs.Account.Password GetPassword(SessionKey session, FAccount.GetPassword request) => GetPassword(session);

    /// <inheritdoc cref="GetPassword(SessionKey, FAccount.GetPassword)"/>
    public Tl.Abcs.Account.Password GetPassword(SessionKey session)
    {
        PasswordRecord? record;
        using (_gate.Enter())
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            record = _accounts[binding.UserId].Password;
        }
        var newAlgo = new T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow
        {
            Salt1 = RandomBytes(8),
            Salt2 = RandomBytes(16),
            G = 3,
            P = DhValidator.TelegramPrimeBytes.ToArray(),
        };
        var secure = new T.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000 { Salt = RandomBytes(8) };
        if (record is null)
            return new T.Account.Password { NewAlgo = newAlgo, NewSecureAlgo = secure, SecureRandom = RandomBytes(32) };
        var challenge = PasswordSrp.CreateChallenge(record.Parameters, record.Verifier, Options.Random);
        var srpId = BitConverter.ToInt64(RandomBytes(8));
        using (_gate.Enter())
        {
            record.Challenge = challenge;
            record.SrpId = srpId;
        }
        var p = record.Parameters;
        return new T.Account.Password
        {
            HasPassword = true,
            CurrentAlgo = new T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow
            {
                Salt1 = p.Salt1.ToArray(),
                Salt2 = p.Salt2.ToArray(),
                G = p.G,
                P = p.P.ToArray(),
            },
            SrpB = challenge.B,
            SrpId = srpId,
            Hint = record.Hint,
            NewAlgo = newAlgo,
            NewSecureAlgo = secure,
            SecureRandom = RandomBytes(32),
        };
    }

    /// <summary>auth.checkPassword: verifies the SRP answer to the latest account.getPassword.</summary>
    public Tl.Abcs.Auth.Authorization CheckPassword(SessionKey session, FA.CheckPassword request) => CheckPassword(session, request.Password);

    /// <inheritdoc cref="CheckPassword(SessionKey, FA.CheckPassword)"/>
    public Tl.Abcs.Auth.Authorization CheckPassword(SessionKey session, InputCheckPasswordSRP password)
    {
        ArgumentNullException.ThrowIfNull(password);
        PasswordRecord record;
        SrpServerChallenge challenge;
        using (_gate.Enter())
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            record = _accounts[binding.UserId].Password ?? throw WorldErrors.Bad("PASSWORD_EMPTY");
            if (password is not T.InputCheckPasswordSRP srp)
                throw WorldErrors.Bad("PASSWORD_HASH_INVALID");
            if (record.Challenge is null || srp.SrpId != record.SrpId)
                throw WorldErrors.Bad("SRP_ID_INVALID");
            challenge = record.Challenge;
            record.Challenge = null;
        }
        var answer = (T.InputCheckPasswordSRP)password;
        bool ok;
        try
        {
            ok = PasswordSrp.VerifyAnswer(record.Parameters, record.Verifier, challenge, answer.A, answer.M1);
        }
        catch (Exception e) when (e is DhValidationException or SrpException)
        {
            ok = false;
        }
        if (!ok)
            throw WorldErrors.Bad("PASSWORD_HASH_INVALID");
        using (_gate.Enter())
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            binding.PasswordPending = false;
            RouteUpdates(binding.UserId);
            return new T.Auth.Authorization { User = _world.Peers.UserView(binding.UserId, binding.UserId) };
        }
    }

    /// <summary>auth.importBotAuthorization.</summary>
    public Tl.Abcs.Auth.Authorization ImportBotAuthorization(SessionKey session, FA.ImportBotAuthorization request)
    {
        CheckApi(request.ApiId, request.ApiHash);
        return ImportBotAuthorization(session, request.BotAuthToken);
    }

    /// <inheritdoc cref="ImportBotAuthorization(SessionKey, FA.ImportBotAuthorization)"/>
    public Tl.Abcs.Auth.Authorization ImportBotAuthorization(SessionKey session, string token)
    {
        using (_gate.Enter())
        {
            var (id, secret) = ParseBotToken(token) ?? throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
            if (!_accounts.TryGetValue(id, out var bot))
            {
                if (!Options.AllowBotAutocreate)
                    throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
                var username = $"bot{id}_bot";
                Register(id, null, $"Bot {id}", "", _world.Peers.IsUsernameTaken(username) ? null : username, Options.DefaultBotDc, secret);
                bot = _accounts[id];
            }
            if (!bot.IsBot || bot.BotSecret != secret)
                throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
            if (session.DcId != bot.HomeDc)
                throw WorldErrors.Migrate("USER", bot.HomeDc);
            Bind(session, bot.Id, passwordPending: false);
            return new T.Auth.Authorization { User = _world.Peers.UserView(bot.Id, bot.Id) };
        }
    }

    /// <summary>auth.logOut: forgets the authorization of the auth key.</summary>
    public Tl.Abcs.Auth.LoggedOut LogOut(SessionKey session, FA.LogOut request)
    {
        using (_gate.Enter())
        {
            if (!_auth.Remove((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            if (_authByUser.TryGetValue(binding.UserId, out var list))
                list.Remove(binding);
            RouteUpdates(binding.UserId);
            return new T.Auth.LoggedOut();
        }
    }

    /// <summary>auth.exportAuthorization: a one-time token to authorize a key on another DC.</summary>
    public Tl.Abcs.Auth.ExportedAuthorization ExportAuthorization(Caller caller, FA.ExportAuthorization request)
    {
        using (_gate.Enter())
        {
            var dcId = request.DcId;
            if (!Options.DcIds.Contains(dcId) || dcId == caller.Session.DcId)
                throw WorldErrors.Bad("DC_ID_INVALID");
            var bytes = RandomBytes(64);
            _exports[Convert.ToHexString(bytes)] = new ExportedToken(caller.UserId, dcId, Options.Time.GetUtcNow() + Options.ExportedAuthorizationLifetime);
            return new T.Auth.ExportedAuthorization { Id = caller.UserId, Bytes = bytes };
        }
    }

    /// <summary>auth.importAuthorization: authorizes the key with a token exported for this DC.</summary>
    public Tl.Abcs.Auth.Authorization ImportAuthorization(SessionKey session, FA.ImportAuthorization request)
    {
        using (_gate.Enter())
        {
            var id = request.Id;
            var hex = Convert.ToHexString(request.Bytes ?? []);
            if (!_exports.TryGetValue(hex, out var token) || token.UserId != id || token.DcId != session.DcId
                || token.Expires < Options.Time.GetUtcNow() || !_accounts.ContainsKey(id))
                throw WorldErrors.Bad("AUTH_BYTES_INVALID");
            _exports.Remove(hex);
            Bind(session, id, passwordPending: false);
            return new T.Auth.Authorization { User = _world.Peers.UserView(id, id) };
        }
    }
}
