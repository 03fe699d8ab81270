namespace Telethon.Tl;

/// <summary>
/// The one exception the TL codec throws for bad input: truncated data, an over-long length,
/// an unknown constructor id, a nesting depth beyond the limit. It names the offset where the
/// problem was found and, where one is involved, the constructor id.
/// </summary>
public sealed class TlDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TlDecodeException(string message, int offset, uint? constructorId = null, Exception? inner = null)
        : base(Describe(message, offset, constructorId), inner)
    {
        Offset = offset;
        ConstructorId = constructorId;
        Reason = message;
    }

    /// <summary>Byte offset in the input at which decoding failed.</summary>
    public int Offset { get; }

    /// <summary>The constructor id involved, when there is one.</summary>
    public uint? ConstructorId { get; }

    /// <summary>The reason without the offset and id decoration.</summary>
    public string Reason { get; }

    private static string Describe(string message, int offset, uint? id) =>
        id is { } c ? $"{message} (constructor 0x{c:x8} at offset {offset})" : $"{message} (at offset {offset})";
}
