namespace Telethon.Handlers;

/// <summary>What a handler tells the chain once it ran (Telethon's <c>events.Continue</c>).</summary>
public enum HandlerResult
{
    /// <summary>The event is handled: later handlers are not called (unless the chain checks all handlers).</summary>
    Handled,

    /// <summary>Call the handlers registered after this one too.</summary>
    Continue,
}
