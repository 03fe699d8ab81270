namespace Telethon.Connection;

/// <summary>Where a DC listens.</summary>
/// <param name="DcId">The DC id (1..5 on Telegram; any positive id on a test server).</param>
/// <param name="Host">The IP address or host name.</param>
/// <param name="Port">The TCP port.</param>
public sealed record DcAddress(int DcId, string Host, int Port)
{
    /// <inheritdoc />
    public override string ToString() => $"dc{DcId} {Host}:{Port}";
}
