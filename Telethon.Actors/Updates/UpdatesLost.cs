using Telethon.Session;

namespace Telethon.Updates;

/// <summary>Tells the state listener of an <see cref="UpdatesActor"/> that Telegram skipped updates that are too many
/// to fetch (differenceTooLong, channelDifferenceTooLong): the account's dialogs, or the channel's history, have to be
/// reloaded by whoever keeps them. Update handling goes on from the new pts.</summary>
/// <param name="Loss">An <see cref="AccountResyncNeeded"/> or a <see cref="ChannelResyncNeeded"/>.</param>
public sealed record UpdatesLost(MessageBoxAction Loss);
