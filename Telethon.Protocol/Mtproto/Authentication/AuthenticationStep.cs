using System.Diagnostics.CodeAnalysis;

namespace Telethon.Mtproto.Authentication;

/// <summary>
/// What one call to <see cref="ClientAuthenticator.Process"/> or <see cref="ServerAuthenticator.Process"/>
/// produced: a body to send in a plain (unencrypted) message, the finished result, or both (the
/// server's last step sends dh_gen_ok and is done).
/// </summary>
public sealed class AuthenticationStep
{
    internal AuthenticationStep(byte[]? outgoing, AuthKeyResult? result)
    {
        Outgoing = outgoing;
        Result = result;
    }

    /// <summary>
    /// The TL body of the next message to send (a function for the client, an answer for the server),
    /// to be wrapped in a plain message by the message layer; null when there is nothing to send.
    /// </summary>
    public byte[]? Outgoing { get; }

    /// <summary>The agreed key once the exchange has finished; null while it goes on.</summary>
    public AuthKeyResult? Result { get; }

    /// <summary>Whether the exchange has finished (then <see cref="Result"/> is set).</summary>
    [MemberNotNullWhen(true, nameof(Result))]
    public bool IsComplete => Result is not null;
}
