namespace Telethon.Tl;

/// <summary>
/// Thrown when an object cannot be serialized: a required field is null, or a flag bit is set
/// (by another field sharing it) while a field conditional on that bit is missing.
/// </summary>
public sealed class TlEncodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TlEncodeException(string message) : base(message)
    {
    }

    /// <summary>A required field of <paramref name="tlName"/> is null.</summary>
    public static TlEncodeException Null(string tlName, string field) =>
        new($"{tlName}: required field '{field}' is null");

    /// <summary>A flag bit is set by another field but <paramref name="field"/>, conditional on it, is null.</summary>
    public static TlEncodeException MissingFlagged(string tlName, string field, string flag) =>
        new($"{tlName}: field '{field}' must be set because {flag} is set by a field sharing that bit");
}
