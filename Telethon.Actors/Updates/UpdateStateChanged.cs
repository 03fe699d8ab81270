using Telethon.Session;

namespace Telethon.Updates;

/// <summary>Tells the state listener of an <see cref="UpdatesActor"/> that the account's update state moved: what to
/// persist (the session actor coalesces these). Sent after every batch that changed it, in order.</summary>
/// <param name="State">The state after the batch: the pts, qts, date, seq and channel pts of the updates handed out.</param>
public sealed record UpdateStateChanged(MessageBoxState State);
