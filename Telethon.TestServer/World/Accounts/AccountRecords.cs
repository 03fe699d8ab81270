using Telethon.Crypto;

namespace Telethon.TestServer.World;

/// <summary>How an account signs in: its home DC, a bot's token secret, the 2FA password. Owned by the <see cref="AccountsService"/>.</summary>
internal sealed class AccountRecord(long id, bool isBot, int homeDc)
{
    public long Id { get; } = id;
    public bool IsBot { get; } = isBot;
    public int HomeDc { get; } = homeDc;
    public string? BotSecret { get; init; }
    public PasswordRecord? Password { get; set; }
}

/// <summary>A stored 2FA password: the SRP parameters and the verifier, never the password.</summary>
internal sealed class PasswordRecord(SrpParameters parameters, byte[] verifier, string? hint)
{
    public SrpParameters Parameters { get; } = parameters;
    public byte[] Verifier { get; } = verifier;
    public string? Hint { get; } = hint;
    public long SrpId { get; set; }
    public SrpServerChallenge? Challenge { get; set; }
}

/// <summary>An auth key on a DC signed in as (or waiting for the 2FA password of) an account.</summary>
internal sealed class AuthBinding(int dcId, long authKeyId, long userId)
{
    public int DcId { get; } = dcId;
    public long AuthKeyId { get; } = authKeyId;
    public long UserId { get; } = userId;
    public bool PasswordPending { get; set; }
}

/// <summary>A login code sent to a phone.</summary>
internal sealed class PendingCode(string hash, string code, DateTimeOffset expires)
{
    public string Hash { get; } = hash;
    public string Code { get; } = code;
    public DateTimeOffset Expires { get; } = expires;
    public bool Verified { get; set; }
}

/// <summary>An authorization exported for another DC, waiting to be imported there.</summary>
internal sealed record ExportedToken(long UserId, int DcId, DateTimeOffset Expires);
