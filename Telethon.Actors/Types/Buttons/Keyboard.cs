using System.Collections;
using System.Runtime.CompilerServices;

namespace Telethon.Model;

/// <summary>
/// The buttons of a message, in rows (the <c>buttons</c> parameter of Telethon's send and edit methods), or one of
/// Telegram's two keyboard commands, <see cref="Hide"/> and <see cref="ForceReply"/>. Write the rows as a collection
/// expression, one inner list per row:
/// <code>
/// await bot.SendMessageAsync(chat, "Pick one", buttons: [[new Callback("Yes", "y"), new Callback("No", "n")], [new Url("Help", "https://example.org")]]);
/// </code>
/// Buttons that are all <see cref="InlineButton"/>s show under the message (<see cref="KeyboardKind.Inline"/>); buttons
/// none of which is replace the user's keyboard (<see cref="KeyboardKind.Reply"/>), and take the options
/// <see cref="Resize"/>, <see cref="SingleUse"/>, <see cref="Selective"/>, <see cref="Persistent"/> and
/// <see cref="Placeholder"/> (<c>new Keyboard([[new Text("A")]]) { Resize = true }</c>). Only bots can send buttons.
/// An empty keyboard (<c>[]</c>) sends no buttons. A keyboard is immutable.
/// </summary>
[CollectionBuilder(typeof(Keyboard), nameof(Create))]
public sealed class Keyboard : IReadOnlyList<IReadOnlyList<Button>>
{
    private readonly IReadOnlyList<Button>[] _rows;
    private readonly bool _resize;
    private readonly bool _singleUse;
    private readonly bool _selective;
    private readonly bool _persistent;
    private readonly string? _placeholder;

    /// <summary>Creates a keyboard of rows of buttons (empty rows are left out).</summary>
    /// <param name="rows">The rows, top to bottom, each a list of buttons left to right.</param>
    /// <exception cref="ArgumentException">Inline buttons and keyboard buttons are mixed, or a button is null.</exception>
    public Keyboard(IEnumerable<IEnumerable<Button>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<IReadOnlyList<Button>>();
        int inline = 0, other = 0;
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            var buttons = row.ToArray();
            if (buttons.Length == 0)
                continue;
            foreach (var button in buttons)
            {
                if (button is null)
                    throw new ArgumentException("A keyboard's rows cannot hold null buttons.", nameof(rows));
                if (button is InlineButton)
                    inline++;
                else
                    other++;
            }
            list.Add(Array.AsReadOnly(buttons));
        }
        if (inline > 0 && other > 0)
            throw new ArgumentException(
                "A keyboard is either inline buttons (under the message) or keyboard buttons (replacing the user's keyboard), not both.",
                nameof(rows));
        _rows = [.. list];
        Kind = other > 0 ? KeyboardKind.Reply : KeyboardKind.Inline;
    }

    private Keyboard(KeyboardKind kind, IReadOnlyList<Button>[] rows, bool resize, bool singleUse, bool selective, bool persistent,
        string? placeholder)
    {
        Kind = kind;
        _rows = rows;
        _resize = resize;
        _singleUse = singleUse;
        _selective = selective;
        _persistent = persistent;
        _placeholder = placeholder;
    }

    /// <summary>Creates a keyboard of rows of buttons: what a collection expression (<c>[[a, b], [c]]</c>) calls.</summary>
    /// <param name="rows">The rows, top to bottom.</param>
    /// <exception cref="ArgumentException">Inline buttons and keyboard buttons are mixed, or a button is null.</exception>
    public static Keyboard Create(ReadOnlySpan<IReadOnlyList<Button>> rows) => new(rows.ToArray());

    /// <summary>A command that hides the keyboard buttons a previous message showed (Telegram's replyKeyboardHide).</summary>
    /// <param name="selective">Whether to hide it only for the users the message mentions and the sender of the
    /// message it replies to.</param>
    public static Keyboard Hide(bool selective = false) => new(KeyboardKind.Hide, [], false, false, selective, false, null);

    /// <summary>A command that opens a reply to the message in the user's client (Telegram's replyKeyboardForceReply).</summary>
    /// <param name="singleUse">Whether the reply interface goes away once used.</param>
    /// <param name="selective">Whether only the users the message mentions and the sender of the message it replies to
    /// get it.</param>
    /// <param name="placeholder">The text shown in the input field while it is empty (up to 64 characters).</param>
    public static Keyboard ForceReply(bool singleUse = false, bool selective = false, string? placeholder = null) =>
        new(KeyboardKind.ForceReply, [], false, singleUse, selective, false, null) { Placeholder = placeholder };

    /// <summary>What the keyboard does: buttons under the message, buttons replacing the user's keyboard, or a command.</summary>
    public KeyboardKind Kind { get; }

    /// <summary>Whether the user's client should make the keyboard buttons as small as they can be (keyboard buttons only).</summary>
    /// <exception cref="ArgumentException">Set on a keyboard that is not <see cref="KeyboardKind.Reply"/>.</exception>
    public bool Resize
    {
        get => _resize;
        init => _resize = Allowed(value, nameof(Resize), KeyboardKind.Reply);
    }

    /// <summary>Whether the keyboard goes away once a button was pressed (keyboard buttons and <see cref="ForceReply"/>).</summary>
    /// <exception cref="ArgumentException">Set on an inline keyboard or <see cref="Hide"/>.</exception>
    public bool SingleUse
    {
        get => _singleUse;
        init => _singleUse = Allowed(value, nameof(SingleUse), KeyboardKind.Reply, KeyboardKind.ForceReply);
    }

    /// <summary>Whether only the users the message mentions and the sender of the message it replies to get the keyboard
    /// (all kinds but inline).</summary>
    /// <exception cref="ArgumentException">Set on an inline keyboard.</exception>
    public bool Selective
    {
        get => _selective;
        init => _selective = Allowed(value, nameof(Selective), KeyboardKind.Reply, KeyboardKind.Hide, KeyboardKind.ForceReply);
    }

    /// <summary>Whether the keyboard stays shown even when the user's client would hide it (keyboard buttons only).</summary>
    /// <exception cref="ArgumentException">Set on a keyboard that is not <see cref="KeyboardKind.Reply"/>.</exception>
    public bool Persistent
    {
        get => _persistent;
        init => _persistent = Allowed(value, nameof(Persistent), KeyboardKind.Reply);
    }

    /// <summary>The text shown in the input field while the keyboard is shown (keyboard buttons and
    /// <see cref="ForceReply"/>; up to 64 characters).</summary>
    /// <exception cref="ArgumentException">Set on an inline keyboard or <see cref="Hide"/>, or longer than 64 characters.</exception>
    public string? Placeholder
    {
        get => _placeholder;
        init
        {
            if (value is { Length: > MaxPlaceholderLength })
                throw new ArgumentException($"A placeholder is at most {MaxPlaceholderLength} characters, not {value.Length}.", nameof(Placeholder));
            _placeholder = value is null ? null : Allowed(value, nameof(Placeholder), KeyboardKind.Reply, KeyboardKind.ForceReply);
        }
    }

    /// <summary>The number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>The row at <paramref name="index"/>, from the top.</summary>
    /// <param name="index">The row's index.</param>
    public IReadOnlyList<Button> this[int index] => _rows[index];

    /// <summary>Every button, row by row.</summary>
    public IEnumerable<Button> AllButtons => _rows.SelectMany(r => r);

    /// <summary>The rows, top to bottom.</summary>
    public IEnumerator<IReadOnlyList<Button>> GetEnumerator() => ((IEnumerable<IReadOnlyList<Button>>)_rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Telegram's longest placeholder.</summary>
    internal const int MaxPlaceholderLength = 64;

    /// <summary>A keyboard read from Telegram, with its options as they came.</summary>
    internal static Keyboard Received(KeyboardKind kind, IReadOnlyList<Button>[] rows, bool resize, bool singleUse, bool selective,
        bool persistent, string? placeholder) => new(kind, rows, resize, singleUse, selective, persistent, placeholder);

    private T Allowed<T>(T value, string option, params KeyboardKind[] kinds)
    {
        if (Array.IndexOf(kinds, Kind) < 0 && !EqualityComparer<T>.Default.Equals(value, default))
            throw new ArgumentException($"{option} does not apply to a keyboard of kind {Kind}.", option);
        return value;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Keyboard {{ Kind = {Kind}, Rows = [{string.Join(", ", _rows.Select(r => "[" + string.Join(", ", r) + "]"))}] }}";
}
