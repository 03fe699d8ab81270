namespace Telethon.Tl.Json;

/// <summary>The JSON form of a TL object does not match the schema (unknown name, missing or mistyped field).</summary>
public sealed class TlJsonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TlJsonException(string message, string path, int offset) : base($"{message} (at {path})")
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>Where in the JSON the problem is (<c>$.messages[3].entities[0]</c>).</summary>
    public string Path { get; }

    /// <summary>How many TL bytes had been written when encoding stopped.</summary>
    public int Offset { get; }
}
