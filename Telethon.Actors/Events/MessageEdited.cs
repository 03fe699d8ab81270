using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>Occurs when a message is edited. Built from updateEditMessage and updateEditChannelMessage.</summary>
public sealed class MessageEdited : MessageEvent
{
    /// <summary>Creates the event.</summary>
    /// <param name="message">The message as it is now.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    public MessageEdited(Message message, Update rawUpdate)
        : base(message, rawUpdate)
    {
    }
}
