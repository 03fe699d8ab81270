using Telethon.Tl.Functions.Updates;

namespace Telethon.Session;

/// <summary>Send <paramref name="Request"/> and hand its result to <see cref="MessageBox.ApplyDifference"/>
/// (or call <see cref="MessageBox.AbortDifference"/> when it fails).</summary>
/// <param name="Request">updates.getDifference from the current account pts, qts and date.</param>
public sealed record GetDifferenceNeeded(GetDifference Request) : MessageBoxAction;
