namespace Telethon.TestServer.Rpc;

/// <summary>What <see cref="ITempKeyDirectory.Bind"/> did.</summary>
internal enum TempKeyBindOutcome
{
    /// <summary>The temporary key acts for the permanent key now.</summary>
    Bound,

    /// <summary>The temporary key is bound to another permanent key already.</summary>
    AlreadyBound,

    /// <summary>The key is not a live temporary key.</summary>
    NotTemporary,
}
