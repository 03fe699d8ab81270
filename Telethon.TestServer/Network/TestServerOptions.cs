using Telethon.Crypto;
using Telethon.TestServer.Config;
using Telethon.TestServer.Layers;
using Telethon.TestServer.World;

namespace Telethon.TestServer.Network;

/// <summary>How to start a <see cref="TestServerHost"/>.</summary>
public sealed record TestServerOptions
{
    /// <summary>The address every DC binds to. Only loopback addresses are accepted.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port of DC 1 (DC n listens on port + n − 1), or 0 to let the system pick a free port for each.</summary>
    public int Port { get; init; }

    /// <summary>How many DCs (ids 1..N) share the world.</summary>
    public int DcCount { get; init; } = 3;

    /// <summary>The server's RSA key; when null, <see cref="RsaKeyFile"/> is read, or a key is generated (and saved there).</summary>
    public RsaPrivateKey? RsaKey { get; init; }

    /// <summary>A PEM file holding the RSA private key: read when it exists, written with a new key when it does not. Null: keep a generated key in memory only.</summary>
    public string? RsaKeyFile { get; init; }

    /// <summary>The world's settings and seed (HOCON, see config/testserver.md).</summary>
    public TestServerConfig Config { get; init; } = new();

    /// <summary>The faults to inject (HOCON, see config/testserver.md); none by default.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>Where every update the world delivers is recorded, or null.</summary>
    public IGroundTruthLog? GroundTruth { get; init; }

    /// <summary>The clock of the world and the sessions.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Largest frame a connection may send, in bytes; a longer length prefix closes that connection.</summary>
    public int MaxFrameLength { get; init; } = 2 * 1024 * 1024;

    /// <summary>The layers sessions are served in (see <see cref="LayerCatalog"/>); null: the compiled layer, the packaged
    /// older ones, and nothing else.</summary>
    public LayerCatalog? Layers { get; init; }

    /// <summary>Where log lines go (one per connection event worth knowing); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Adds or replaces methods after the built-in ones (tests: a method's double, a counter around one); null for none.</summary>
    public Action<Rpc.HandlerTable>? Handlers { get; init; }
}
