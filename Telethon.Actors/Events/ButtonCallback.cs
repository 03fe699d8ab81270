using System.Globalization;
using Telethon.Model;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Events;

/// <summary>
/// Occurs when a user clicks a <see cref="Model.Buttons.Callback"/> button of a message the bot sent (Telethon's
/// <c>ButtonCallback</c>). Only bots receive it. The user's client waits for <see cref="AnswerAsync"/>: answer every
/// callback, quickly (Telegram gives up after a few seconds and the user gets BOT_RESPONSE_TIMEOUT). Built from
/// updateBotCallbackQuery with data (callbacks of games are left out).
/// </summary>
public sealed class ButtonCallback : Event
{
    private readonly TlTypes.UpdateBotCallbackQuery _raw;
    private readonly Peer _chat;
    private readonly Peer _sender;

    /// <summary>Creates the event.</summary>
    /// <param name="context">The bot that received it.</param>
    /// <param name="rawUpdate">The update it came in (with data).</param>
    /// <param name="chat">The chat of the message with the button.</param>
    /// <param name="sender">The user who clicked.</param>
    /// <exception cref="ArgumentException">The update has no data (a game's callback).</exception>
    public ButtonCallback(IEventContext context, TlTypes.UpdateBotCallbackQuery rawUpdate, Peer chat, Peer sender)
        : base(context, rawUpdate)
    {
        ArgumentNullException.ThrowIfNull(rawUpdate);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(sender);
        if (rawUpdate.Data is null)
            throw new ArgumentException("A button callback carries data.", nameof(rawUpdate));
        _raw = rawUpdate;
        _chat = chat;
        _sender = sender;
    }

    /// <summary>The data of the button clicked.</summary>
    public ReadOnlyMemory<byte> Data => _raw.Data!;

    /// <summary>The id of the message with the button (the bot's id for it).</summary>
    public int MessageId => _raw.MsgId;

    /// <summary>The chat of the message with the button.</summary>
    public override Peer Chat => _chat;

    /// <summary>The user who clicked.</summary>
    public override Peer Sender => _sender;

    /// <summary>
    /// Answers the callback (Telethon's <c>answer</c>, messages.setBotCallbackAnswer): the user's client stops waiting and
    /// shows the text, if any. Call it for every callback, even without a text.
    /// </summary>
    /// <param name="text">What to show the user (up to 200 characters), usually as a toast; null for nothing.</param>
    /// <param name="alert">Whether to show the text as an alert the user must dismiss.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RpcError">QUERY_ID_INVALID (already answered, or too late), MESSAGE_TOO_LONG...</exception>
    public async Task AnswerAsync(string? text = null, bool alert = false, CancellationToken cancellationToken = default)
    {
        await Context.InvokeAsync(new Tl.Functions.Messages.SetBotCallbackAnswer
        {
            Alert = alert,
            QueryId = _raw.QueryId,
            Message = text,
            CacheTime = 0,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message with the button clicked (Telethon's <c>get_message</c>); null when it is no longer there.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message?> GetMessageAsync(CancellationToken cancellationToken = default) =>
        Client.CallbackMessageAsync(_chat, _raw.MsgId, _raw.QueryId, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ButtonCallback {{ Chat = {_chat.Kind} {_chat.Id}, MessageId = {MessageId}, Sender = {_sender.Id}, Data = {Convert.ToHexString(_raw.Data!)} }}");
}
