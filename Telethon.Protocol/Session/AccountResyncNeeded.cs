namespace Telethon.Session;

/// <summary>The server answered updates.differenceTooLong: the account updates after <paramref name="LocalPts"/> up to
/// <paramref name="ServerPts"/> are not delivered, and the account pts jumps to <paramref name="ServerPts"/>.
/// Dialogs and the history the caller keeps have to be reloaded. Fetching of the rest (qts, seq, later pts) goes on.</summary>
/// <param name="LocalPts">The account pts before the jump.</param>
/// <param name="ServerPts">The account pts after the jump.</param>
public sealed record AccountResyncNeeded(int LocalPts, int ServerPts) : MessageBoxAction;
