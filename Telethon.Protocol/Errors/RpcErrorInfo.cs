namespace Telethon;

/// <summary>
/// A documented RPC error: the pattern Telegram sends (<c>FLOOD_WAIT_%d</c>), its usual code and its
/// description. <see cref="Name"/> is the pattern without the number, as <see cref="RpcError.Name"/> reports it.
/// </summary>
public sealed class RpcErrorInfo
{
    /// <summary>Creates a descriptor.</summary>
    public RpcErrorInfo(string pattern, int code, string description)
    {
        Pattern = pattern;
        Code = code;
        Description = description;
        HasValue = pattern.Contains("%d", StringComparison.Ordinal);
        Name = HasValue ? RpcError.SplitValue(pattern.Replace("%d", "0", StringComparison.Ordinal)).Name : pattern;
    }

    /// <summary>The message pattern, with <c>%d</c> where a number stands.</summary>
    public string Pattern { get; }

    /// <summary>The name without the number (<c>FLOOD_WAIT</c>).</summary>
    public string Name { get; }

    /// <summary>The usual error code (400, 420, ...).</summary>
    public int Code { get; }

    /// <summary>What the error means.</summary>
    public string Description { get; }

    /// <summary>True when the message carries a number (<see cref="RpcError.Value"/>).</summary>
    public bool HasValue { get; }

    /// <summary>True when <paramref name="error"/> is this error.</summary>
    public bool Matches(RpcError error) => string.Equals(error.Name, Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"{Pattern} ({Code})";
}
