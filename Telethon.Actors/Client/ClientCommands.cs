using Telethon.Tl;

namespace Telethon.Accounts;

/// <summary>Asks the <see cref="ClientActor"/> to call a function on the home DC; answered like <see cref="Sender.Invoke"/>.</summary>
/// <param name="Function">The request.</param>
/// <param name="Timeout">How long to wait; null for the client's default.</param>
/// <param name="Cancellation">Cancels the request.</param>
public sealed record ClientInvoke(TlFunction Function, TimeSpan? Timeout = null, CancellationToken Cancellation = default);

/// <summary>Answered with <see cref="ClientReady"/> once the session is loaded and the home DC's sender runs.</summary>
public sealed record WaitReady
{
    /// <summary>The message.</summary>
    public static WaitReady Instance { get; } = new();
}

/// <summary>The answer to <see cref="WaitReady"/>.</summary>
/// <param name="HomeDc">The DC the account talks to.</param>
/// <param name="User">The signed-in user, when the session has one.</param>
public sealed record ClientReady(int HomeDc, Session.SessionUser? User);

/// <summary>Moves the account to another DC (after a <c>*_MIGRATE_X</c> answer); answered with <see cref="ClientReady"/>.</summary>
/// <param name="DcId">The new home DC.</param>
public sealed record SwitchHomeDc(int DcId);

/// <summary>Records a sign-in (the facade saw auth.authorization) and starts receiving updates; answered with <see cref="ClientReady"/>.</summary>
/// <param name="User">Who signed in.</param>
public sealed record SignedInNotice(Session.SessionUser User);

/// <summary>Records a sign-out and stops receiving updates; answered with <see cref="ClientReady"/>.</summary>
public sealed record SignedOutNotice
{
    /// <summary>The message.</summary>
    public static SignedOutNotice Instance { get; } = new();
}

/// <summary>Persists what is pending and stops the account's actors; answered with <see cref="ClientStopped"/>.</summary>
public sealed record StopClient
{
    /// <summary>The message.</summary>
    public static StopClient Instance { get; } = new();
}

/// <summary>The answer to <see cref="StopClient"/>.</summary>
public sealed record ClientStopped
{
    /// <summary>The message.</summary>
    public static ClientStopped Instance { get; } = new();
}
