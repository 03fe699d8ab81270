using Telethon.Tl;

namespace Telethon.Embedding;

/// <summary>
/// Asks an account actor to call <paramref name="Function"/> as the account: the one path every request takes (the
/// <see cref="Client"/> facade's, a handler's reply, the account's own difference calls). The account follows
/// *_MIGRATE_X to the right DC, sleeps short FLOOD_WAITs, feeds an Updates result and the peers of a result to its
/// update handling, and records sign-in and sign-out seen in results, whoever asked. It answers the asker exactly once
/// with <see cref="AccountResult"/> or <see cref="AccountFailure"/> carrying <paramref name="Id"/>.
/// </summary>
/// <param name="Id">Names the request in the answer and in <see cref="CancelAccountRequest"/>; unique per account.</param>
/// <param name="Function">The request (plain TL data).</param>
/// <param name="Timeout">How long the account may take in all (migrations and flood waits included); null for
/// <see cref="ClientOptions.RequestTimeout"/>.</param>
/// <param name="DcId">The DC to send the request to (the DC a file lives on); null for the account's home DC. The account
/// keeps a sender per DC in use and, when signed in, imports its authorization into a DC's key before the first request
/// goes there.</param>
public sealed record AccountRequest(Guid Id, TlFunction Function, TimeSpan? Timeout = null, int? DcId = null);
