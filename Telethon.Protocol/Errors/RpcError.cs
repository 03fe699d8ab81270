namespace Telethon;

/// <summary>
/// An error Telegram answered a request with (rpc_error). As in Telethon, the numeric part of the
/// message is split off: <c>FLOOD_WAIT_30</c> has <see cref="Name"/> <c>FLOOD_WAIT</c> and
/// <see cref="Value"/> 30. Catch by name with <c>catch (RpcError e) when (e.Is(RpcErrors.FloodWait))</c>
/// or <c>when (e.Name == "FLOOD_WAIT")</c>, or by code.
/// </summary>
public class RpcError : Exception
{
    /// <summary>Creates the error from an rpc_error's code and message.</summary>
    /// <param name="code">The error code (400, 401, 420, ...).</param>
    /// <param name="message">The error message as Telegram sent it.</param>
    /// <param name="causedBy">The TL name of the request that failed, when known.</param>
    public RpcError(int code, string message, string? causedBy = null)
        : base(causedBy is null ? $"{code} {message}" : $"{code} {message} (caused by {causedBy})")
    {
        Code = code;
        RawMessage = message;
        (Name, Value) = SplitValue(message);
        CausedBy = causedBy;
    }

    /// <summary>The error code.</summary>
    public int Code { get; }

    /// <summary>The message without its number (<c>FLOOD_WAIT</c>).</summary>
    public string Name { get; }

    /// <summary>The number the message carried (seconds to wait, a DC id), or null.</summary>
    public int? Value { get; }

    /// <summary>The message as Telegram sent it.</summary>
    public string RawMessage { get; }

    /// <summary>The TL name of the request that failed, when known.</summary>
    public string? CausedBy { get; }

    /// <summary>True when this is the documented error <paramref name="info"/>.</summary>
    public bool Is(RpcErrorInfo info) => info.Matches(this);

    /// <summary>True when the name is <paramref name="name"/> (a pattern such as FLOOD_WAIT_%d or FLOOD_WAIT_X also matches).</summary>
    public bool Is(string name)
    {
        if (string.Equals(Name, name, StringComparison.Ordinal))
            return true;
        foreach (var suffix in (ReadOnlySpan<string>)["_%d", "_X"])
            if (name.EndsWith(suffix, StringComparison.Ordinal) && Name.Length == name.Length - suffix.Length
                && name.StartsWith(Name, StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>
    /// Splits the number off a message: the last run of digits right after an underscore
    /// (<c>FLOOD_WAIT_30</c>, <c>SLOWMODE_WAIT_5MIN</c> → <c>SLOWMODE_WAIT_MIN</c>, 5).
    /// </summary>
    public static (string Name, int? Value) SplitValue(string message)
    {
        for (var end = message.Length; end > 0; end--)
        {
            if (!char.IsAsciiDigit(message[end - 1]))
                continue;
            var start = end;
            while (start > 0 && char.IsAsciiDigit(message[start - 1]))
                start--;
            if (start > 0 && message[start - 1] == '_')
            {
                var digits = message.AsSpan(start, end - start);
                int? value = int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
                // FLOOD_WAIT_30 → FLOOD_WAIT; FILE_PART_3_MISSING → FILE_PART_MISSING; WAIT_5MIN → WAIT_MIN.
                var rest = message.AsSpan(end);
                var name = rest.IsEmpty || rest[0] == '_'
                    ? string.Concat(message.AsSpan(0, start - 1), rest)
                    : string.Concat(message.AsSpan(0, start), rest);
                return (name, value);
            }
            end = start;
        }
        return (message, null);
    }
}
