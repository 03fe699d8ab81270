using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>
/// Where the world pushes updates for one MTProto session (the network layer wraps each in an
/// encrypted message). Register with <see cref="TelegramWorld.Subscribe"/>. The world calls
/// <see cref="Push"/> outside its locks, one push at a time in the order the world produced them;
/// an implementation should only enqueue and return, and must not throw (a throwing sink is logged
/// and skipped).
/// </summary>
public interface IUpdateSink
{
    /// <summary>Delivers one updates container (updates, updatesCombined, updateShort, updateShort*Message, updatesTooLong).</summary>
    void Push(UpdatesBase updates);
}

/// <summary>One MTProto session of an auth key on a DC: what the world uses to route pushes and to leave out the caller.</summary>
/// <param name="DcId">The DC the session is connected to.</param>
/// <param name="AuthKeyId">The (permanent) auth key id the session uses.</param>
/// <param name="SessionId">The MTProto session id.</param>
public readonly record struct SessionKey(int DcId, long AuthKeyId, long SessionId);
