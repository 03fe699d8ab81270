namespace Telethon.Connection;

/// <summary>
/// Tells the owner that the connection is down: an established one broke (<paramref name="WasConnected"/>), or
/// an attempt failed. Frames queued at that moment were dropped. A <see cref="Transport.TransportErrorException"/>
/// reason carries the server's transport error (-404: auth key unknown, -429: too many connections).
/// </summary>
/// <param name="Reason">What happened.</param>
/// <param name="WasConnected">True when a connection that had sent <see cref="Connected"/> ended.</param>
/// <param name="RetryIn">When the next attempt starts, or null when the actor gave up (see <see cref="DcConnectionOptions.MaxReconnectAttempts"/>).</param>
internal sealed record Disconnected(Exception Reason, bool WasConnected, TimeSpan? RetryIn);
