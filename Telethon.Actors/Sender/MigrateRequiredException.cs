using Telethon.Tl;

namespace Telethon.Sender;

/// <summary>
/// A request answered 303 *_MIGRATE_X: it must be sent to DC <see cref="TargetDc"/>, which this sender cannot do
/// (a sender serves one DC). It is the <see cref="RpcError"/> Telegram sent, typed, so that callers that catch
/// RpcError still see it. The owner (ClientActor) acts on it: it starts or reuses the sender of the target DC
/// (<see cref="MigrateKind.Phone"/>, <see cref="MigrateKind.User"/>, <see cref="MigrateKind.Network"/>: that DC
/// becomes the home DC and is persisted; <see cref="MigrateKind.File"/>, <see cref="MigrateKind.Stats"/>: only this
/// request goes there, after auth.exportAuthorization here and auth.importAuthorization there when the account is
/// signed in) and sends <see cref="Request"/> again.
/// </summary>
public sealed class MigrateRequiredException : RpcError
{
    /// <summary>Creates the exception from the server's error.</summary>
    /// <param name="code">The error code (303).</param>
    /// <param name="message">The error message (PHONE_MIGRATE_3).</param>
    /// <param name="request">The request as it was invoked.</param>
    /// <param name="targetDc">The DC to use.</param>
    /// <param name="kind">Which migration.</param>
    public MigrateRequiredException(int code, string message, TlFunction request, int targetDc, MigrateKind kind)
        : base(code, message, request?.TlName)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        TargetDc = targetDc;
        Kind = kind;
    }

    /// <summary>The request to send again on <see cref="TargetDc"/>.</summary>
    public TlFunction Request { get; }

    /// <summary>The DC the request belongs on.</summary>
    public int TargetDc { get; }

    /// <summary>Which migration Telegram asked for.</summary>
    public MigrateKind Kind { get; }

    /// <summary>The typed form of <paramref name="error"/> when it is a 303 *_MIGRATE_X with a DC number; otherwise null.</summary>
    public static MigrateRequiredException? From(RpcError error, TlFunction request)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code != 303 || error.Value is not { } dc || !error.Name.EndsWith("_MIGRATE", StringComparison.Ordinal))
            return null;
        var kind = error.Name switch
        {
            "PHONE_MIGRATE" => MigrateKind.Phone,
            "USER_MIGRATE" => MigrateKind.User,
            "NETWORK_MIGRATE" => MigrateKind.Network,
            "FILE_MIGRATE" => MigrateKind.File,
            "STATS_MIGRATE" => MigrateKind.Stats,
            _ => MigrateKind.Other,
        };
        return new MigrateRequiredException(error.Code, error.RawMessage, request, dc, kind);
    }
}
