namespace Telethon.TestServer.Network;

/// <summary>Where one DC of the test server listens.</summary>
/// <param name="Id">The DC id (1..N).</param>
/// <param name="Host">The address it is bound to (127.0.0.1).</param>
/// <param name="Port">The TCP port.</param>
public sealed record DcEndpoint(int Id, string Host, int Port);
