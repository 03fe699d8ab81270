using Telethon.Events;

namespace Telethon.Filters;

/// <summary>
/// Passes when the first word of the event's text is the command, or the command followed by @ and the username of
/// the logged-in account (from <see cref="IEventContext.SelfUsername"/>, compared ignoring case as Telegram does).
/// <c>Command("/help")</c> with username "bot" passes "/help" and "/help@bot args" but not "/list", "/helpme"
/// nor "/help@other". Without a username the @ form never passes. No prefix is added: "/" is part of the command.
/// </summary>
public sealed class CommandFilter : Filter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="command">The command, e.g. "/start"; it cannot be empty nor contain whitespace.</param>
    public CommandFilter(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command.Any(char.IsWhiteSpace))
            throw new ArgumentException($"A command cannot contain whitespace: \"{command}\".", nameof(command));
        CommandText = command;
    }

    /// <summary>The command matched.</summary>
    public string CommandText { get; }

    /// <inheritdoc />
    public override bool Matches(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Text is not { Length: > 0 } text)
            return false;
        var span = text.AsSpan().TrimStart();
        var end = 0;
        while (end < span.Length && !char.IsWhiteSpace(span[end]))
            end++;
        var first = span[..end];
        if (first.SequenceEqual(CommandText))
            return true;
        if (e.Context.SelfUsername is not { Length: > 0 } username)
            return false;
        return first.Length == CommandText.Length + 1 + username.Length
            && first.StartsWith(CommandText, StringComparison.Ordinal)
            && first[CommandText.Length] == '@'
            && first[(CommandText.Length + 1)..].Equals(username, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public override string ToString() => $"Command({CommandText})";
}
