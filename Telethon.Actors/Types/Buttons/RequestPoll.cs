using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>A keyboard button that asks the user to create a poll and send it to the chat (Telethon's
/// <c>buttons.RequestPoll</c>). It works in private chats only; it cannot be clicked from code.</summary>
public sealed class RequestPoll : Button
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <param name="quiz">True to allow only quizzes, false to allow only regular polls, null to let the user choose.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public RequestPoll(string text, bool? quiz = null)
        : base(new TlTypes.KeyboardButtonRequestPoll { Text = RequireText(text), Quiz = quiz }, text, null)
    {
    }

    private RequestPoll(TlTypes.KeyboardButtonRequestPoll raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>True when only quizzes may be created, false when only regular polls may, null when the user chooses.</summary>
    public bool? Quiz => ((TlTypes.KeyboardButtonRequestPoll)Raw).Quiz;

    /// <summary>The button of a received keyboard.</summary>
    internal static RequestPoll FromTl(TlTypes.KeyboardButtonRequestPoll raw, Message? message) => new(raw, message);
}
