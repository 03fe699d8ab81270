using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>A message found by messages.searchGlobal, with what the results are ordered by.</summary>
/// <param name="Peer">The chat it is in.</param>
/// <param name="Date">Its date (the rate of the results).</param>
/// <param name="Id">Its id in that chat as the viewer sees it.</param>
/// <param name="View">The message as the viewer sees it.</param>
/// <param name="Refs">The peers it names.</param>
internal sealed record SearchedMessage(PeerKey Peer, int Date, int Id, Message View, PeerKey[] Refs);
