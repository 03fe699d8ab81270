namespace Telethon.Mtproto.Authentication;

/// <summary>Why an auth-key exchange was abandoned; carried by <see cref="AuthenticationException.Reason"/>.</summary>
public enum AuthenticationFailure
{
    /// <summary>A nonce or server_nonce differs from the one this exchange agreed on.</summary>
    NonceMismatch,

    /// <summary>None of the RSA key fingerprints offered (client) or named (server) belongs to a known key.</summary>
    UnknownFingerprint,

    /// <summary>pq cannot be split into two factors (client), or pq, p or q differ from the ones the server sent (server).</summary>
    BadPq,

    /// <summary>
    /// A hash does not match: the SHA-1 of an encrypted answer, a new_nonce_hash, or the RSA_PAD hash
    /// (the encrypted data was altered or made for another key).
    /// </summary>
    BadHash,

    /// <summary>dh_prime, g, g_a or g_b fails the Diffie–Hellman checks of the security guidelines.</summary>
    DhCheckFailed,

    /// <summary>The server refused the exchange with server_DH_params_fail.</summary>
    ServerDhParamsFail,

    /// <summary>The server refused the key with dh_gen_fail.</summary>
    DhGenFail,

    /// <summary>The message is well formed TL but not one this step of the exchange expects.</summary>
    UnexpectedMessage,

    /// <summary>The message is not valid TL: truncated, too long, a bad length or an unknown inner constructor.</summary>
    MalformedMessage,

    /// <summary>A field holds a value the protocol forbids (expires_in not positive, a wrong retry_id).</summary>
    InvalidParameters,

    /// <summary>dh_gen_retry was answered more times than allowed.</summary>
    RetryLimitExceeded,
}
