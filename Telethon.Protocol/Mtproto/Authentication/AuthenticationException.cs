namespace Telethon.Mtproto.Authentication;

/// <summary>
/// The one exception the auth-key exchange throws for bad input from the peer. <see cref="Reason"/>
/// says what went wrong; the codec or crypto exception that revealed it, if any, is the
/// <see cref="Exception.InnerException"/>. After it is thrown the state machine that threw it is
/// spent: a new <see cref="ClientAuthenticator"/> or <see cref="ServerAuthenticator"/> is needed.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/> rather than <see cref="Telethon.Crypto.CryptoException"/>:
/// most of its reasons (an unexpected or malformed message, a refusal by the server, a retry limit)
/// are failures of the protocol flow, not of a cryptographic check, and code that catches
/// <see cref="Telethon.Crypto.CryptoException"/> around message decryption should not swallow a failed
/// handshake. Crypto failures keep their original exception as the inner exception.
/// </remarks>
public sealed class AuthenticationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the exchange failed.</param>
    /// <param name="message">A description for logs.</param>
    /// <param name="inner">The exception that revealed the failure, if any.</param>
    /// <param name="reply">The body the server should send before closing, if the protocol has an answer for this failure.</param>
    public AuthenticationException(AuthenticationFailure reason, string message, Exception? inner = null, byte[]? reply = null)
        : base($"{reason}: {message}", inner)
    {
        Reason = reason;
        Reply = reply;
    }

    /// <summary>Why the exchange failed.</summary>
    public AuthenticationFailure Reason { get; }

    /// <summary>
    /// Only from <see cref="ServerAuthenticator"/>: the answer the protocol gives the client for this
    /// failure, to send in a plain message before dropping the exchange — server_DH_params_fail when
    /// p_q_inner_data decrypts but does not match, dh_gen_fail when g_b fails the checks or the retry
    /// limit is reached. Null when the failure has no answer on the wire (the client is then simply
    /// disconnected).
    /// </summary>
    public byte[]? Reply { get; }
}
