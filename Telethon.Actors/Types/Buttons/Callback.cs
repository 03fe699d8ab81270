using System.Text;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>
/// An inline button that sends its <see cref="Data"/> to the bot when clicked (Telethon's <c>buttons.Callback</c>): the
/// bot gets a <see cref="Events.ButtonCallback"/> event and answers it.
/// </summary>
public sealed class Callback : InlineButton
{
    /// <summary>Telegram's most bytes of callback data.</summary>
    public const int MaxDataLength = 64;

    /// <summary>Creates the button, with its text (in UTF-8) as its data.</summary>
    /// <param name="text">The button's text.</param>
    /// <exception cref="ArgumentException">The text is empty, or longer than 64 bytes in UTF-8.</exception>
    public Callback(string text)
        : this(text, Encoding.UTF8.GetBytes(RequireText(text)))
    {
    }

    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <param name="data">What the bot receives when the button is clicked, 1 to 64 bytes.</param>
    /// <exception cref="ArgumentException">The text is empty, or the data is empty or longer than 64 bytes.</exception>
    public Callback(string text, ReadOnlySpan<byte> data)
        : this(text, data.ToArray())
    {
    }

    /// <summary>Creates the button with text data, sent in UTF-8.</summary>
    /// <param name="text">The button's text.</param>
    /// <param name="data">What the bot receives when the button is clicked: 1 to 64 bytes in UTF-8.</param>
    /// <exception cref="ArgumentException">The text is empty, or the data is empty or longer than 64 bytes in UTF-8.</exception>
    public Callback(string text, string data)
        : this(text, Encoding.UTF8.GetBytes(data ?? throw new ArgumentNullException(nameof(data))))
    {
    }

    private Callback(string text, byte[] data)
        : base(new TlTypes.KeyboardButtonCallback { Text = RequireText(text), Data = RequireData(data) }, text, null)
    {
        Data = data;
    }

    private Callback(TlTypes.KeyboardButtonCallback raw, Message? message)
        : base(raw, raw.Text, message)
    {
        Data = raw.Data;
    }

    /// <summary>What the bot receives when the button is clicked.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether the bot asks for the account's two-step password on a click (Telegram's
    /// <c>requires_password</c>, used by @BotFather): such buttons cannot be clicked with <see cref="ClickAsync"/>.</summary>
    public bool RequiresPassword => ((TlTypes.KeyboardButtonCallback)Raw).RequiresPassword;

    /// <summary>
    /// Clicks the button (Telethon's <c>click</c>, messages.getBotCallbackAnswer): the bot receives the data as a
    /// <see cref="Events.ButtonCallback"/> and answers it, and its answer is returned.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bot's answer.</returns>
    /// <exception cref="InvalidOperationException">The button was made by hand, not received with a message.</exception>
    /// <exception cref="RpcError">BOT_RESPONSE_TIMEOUT (the bot did not answer in time), DATA_INVALID,
    /// MESSAGE_ID_INVALID...</exception>
    public Task<CallbackAnswer> ClickAsync(CancellationToken cancellationToken = default)
    {
        var message = ClickedMessage;
        return message.Context.Client.ClickCallbackAsync(message, Data.ToArray(), cancellationToken);
    }

    /// <summary>The button of a received keyboard.</summary>
    internal static Callback FromTl(TlTypes.KeyboardButtonCallback raw, Message? message) => new(raw, message);


    private static byte[] RequireData(byte[] data) => data.Length is > 0 and <= MaxDataLength
        ? data
        : throw new ArgumentException($"A callback button's data is 1 to {MaxDataLength} bytes, not {data.Length}.", nameof(data));
}
