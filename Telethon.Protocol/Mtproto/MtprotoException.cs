namespace Telethon.Mtproto;

/// <summary>
/// The one exception the message layer throws for a hostile or broken incoming message. It is thrown
/// before the session changes any state, so the session stays usable for the next valid message.
/// </summary>
public sealed class MtprotoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MtprotoException(MtprotoErrorReason reason, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
    }

    /// <summary>What was wrong with the message.</summary>
    public MtprotoErrorReason Reason { get; }
}
