using System.Collections.Concurrent;
using Telethon.Crypto;

namespace Telethon.TestServer.Network;

/// <summary>The auth keys each DC has created: a key made on one DC is unknown to the others, as on Telegram.</summary>
internal sealed class AuthKeyStore
{
    private readonly ConcurrentDictionary<(int Dc, long Id), AuthKey> _keys = new();

    public int Count => _keys.Count;

    public bool Contains(int dc, long id) => _keys.ContainsKey((dc, id));

    public bool TryAdd(int dc, AuthKey key) => _keys.TryAdd((dc, key.Id), key);

    public AuthKey? Find(int dc, long id) => _keys.GetValueOrDefault((dc, id));
}
