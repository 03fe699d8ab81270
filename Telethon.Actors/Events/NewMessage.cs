using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>Occurs when a message is sent or received (messages sent by the account itself included: beware of loops).
/// Built from updateNewMessage and updateNewChannelMessage carrying a message (not a service message).</summary>
public sealed class NewMessage : MessageEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="message">The message.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    public NewMessage(Message message, Update rawUpdate)
        : base(message, rawUpdate)
    {
    }
}
