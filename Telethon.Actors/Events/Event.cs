using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>The base of all events: something that happened to the account, built from one update.</summary>
public abstract class Event
{
    /// <summary>Creates the event.</summary>
    /// <param name="context">The account that received it.</param>
    /// <param name="rawUpdate">The update it was built from; null for events no single update carries (<see cref="UpdatesLost"/>).</param>
    protected Event(IEventContext context, Update? rawUpdate)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        RawUpdate = rawUpdate;
    }

    /// <summary>The account that received the event.</summary>
    public IEventContext Context { get; }

    /// <summary>The client of the account that received the event: a handler can call any of its methods.</summary>
    public Client Client => Context.Client;

    /// <summary>The update the event was built from; null for events no single update carries (<see cref="UpdatesLost"/>).</summary>
    public Update? RawUpdate { get; }

    /// <summary>The chat the event happened in, when the event has one.</summary>
    public virtual Peer? Chat => null;

    /// <summary>Who caused the event, when the event has a sender.</summary>
    public virtual Peer? Sender => null;

    /// <summary>The text of the event's message, when it has one.</summary>
    public virtual string? Text => null;
}
