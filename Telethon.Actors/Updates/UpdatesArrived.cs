using Telethon.Tl.Abcs;

namespace Telethon.Updates;

/// <summary>
/// Tells the <c>UpdatesActor</c> of an account that an Updates object arrived: pushed by the server,
/// or the result of a request (sendMessage answers with one). The sender forwards every push.
/// </summary>
/// <param name="Updates">The container as received.</param>
internal sealed record UpdatesArrived(UpdatesBase Updates);
