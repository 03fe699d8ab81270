using Telethon.Transport;

namespace Telethon.Tests.Support;

/// <summary>Every transport a client can speak, plain and obfuscated (full has no obfuscated form).</summary>
public static class TransportMatrix
{
    /// <summary>(kind, obfuscated) pairs for theories.</summary>
    public static TheoryData<TransportKind, bool> All => new()
    {
        { TransportKind.Abridged, false },
        { TransportKind.Intermediate, false },
        { TransportKind.PaddedIntermediate, false },
        { TransportKind.Full, false },
        { TransportKind.Abridged, true },
        { TransportKind.Intermediate, true },
        { TransportKind.PaddedIntermediate, true },
    };
}
