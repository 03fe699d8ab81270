using Akka.Actor;
using Telethon.Embedding;
using Telethon.Model;
using Telethon.Session;
using Telethon.Updates;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Peers: resolving usernames, phones and references, and turning any PeerLike into what requests take.
public sealed partial class Client
{
    /// <summary>
    /// The user, group or channel with the public <paramref name="username"/> (with or without the @). Rather expensive for
    /// Telegram: resolve once and keep the peer's <see cref="Peer.Ref"/>. The peer is remembered in the session.
    /// </summary>
    /// <exception cref="RpcError">USERNAME_NOT_OCCUPIED or USERNAME_INVALID.</exception>
    public async Task<Peer> ResolveUsernameAsync(string username, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var name = username.Trim().TrimStart('@');
        var resolved = await InvokeAsync(new Fn.Contacts.ResolveUsername { Username = name }, cancellationToken).ConfigureAwait(false);
        return PeerOfResolved(resolved, name);
    }

    /// <summary>
    /// The user with the phone number <paramref name="phone"/> (international format: "+1 23 456"; the + may be left out).
    /// Rather expensive for Telegram: resolve once and keep the peer's <see cref="Peer.Ref"/>.
    /// </summary>
    /// <exception cref="RpcError">PHONE_NOT_OCCUPIED when no account has the number (or it is hidden).</exception>
    public async Task<Peer> ResolvePhoneAsync(string phone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        var digits = PeerLike.PhoneOf(phone.Trim().StartsWith('+') ? phone.Trim() : "+" + phone.Trim())
            ?? throw new ArgumentException($"\"{phone}\" is not a phone number.", nameof(phone));
        var resolved = await InvokeAsync(new Fn.Contacts.ResolvePhone { Phone = digits }, cancellationToken).ConfigureAwait(false);
        return PeerOfResolved(resolved, digits);
    }

    /// <summary>
    /// Fetches the peers <paramref name="peers"/> name (users through users.getUsers, small groups through
    /// messages.getChats, channels through channels.getChannels), in the order given. Peers given are fetched again, not
    /// changed. A peer Telegram does not return (unknown, or inaccessible) fails the call.
    /// </summary>
    /// <exception cref="RpcError">Telegram refused one of the lookups (PEER_ID_INVALID, CHANNEL_INVALID, ...).</exception>
    /// <exception cref="InvalidOperationException">A peer was not returned.</exception>
    public async Task<IReadOnlyList<Peer>> ResolvePeersAsync(IEnumerable<PeerLike> peers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var refs = new List<PeerRef>();
        var users = new List<TlAbcs.InputUser>();
        var chats = new List<long>();
        var channels = new List<TlAbcs.InputChannel>();
        foreach (var peer in peers)
        {
            var reference = await RefOfAsync(peer, cancellationToken).ConfigureAwait(false);
            refs.Add(reference);
            switch (reference)
            {
                case UserRef:
                    users.Add(await InputUserAsync(peer, cancellationToken).ConfigureAwait(false));
                    break;
                case GroupRef g:
                    chats.Add(g.Identifier);
                    break;
                case ChannelRef c:
                    channels.Add(c.ToInputChannel());
                    break;
            }
        }
        var found = new Dictionary<(ChatKind, long), Peer>();
        if (users.Count > 0)
        {
            foreach (var user in await InvokeAsync(new Fn.Users.GetUsers { Id = [.. users] }, cancellationToken).ConfigureAwait(false))
            {
                if (EntityCache.FromTl(user) is { } peer)
                    found[(ChatKind.User, peer.Id)] = peer;
            }
        }
        if (chats.Count > 0)
            AddChats(found, await InvokeAsync(new Fn.Messages.GetChats { Id = [.. chats] }, cancellationToken).ConfigureAwait(false));
        if (channels.Count > 0)
            AddChats(found, await InvokeAsync(new Fn.Channels.GetChannels { Id = [.. channels] }, cancellationToken).ConfigureAwait(false));

        var result = new List<Peer>(refs.Count);
        foreach (var reference in refs)
        {
            var key = (reference is UserRef ? ChatKind.User : reference is GroupRef ? ChatKind.Group : ChatKind.Broadcast, reference.Identifier);
            result.Add(found.TryGetValue(key, out var peer)
                ? peer
                : throw new InvalidOperationException($"Telegram did not return the peer {reference}."));
        }
        return result;
    }

    private static void AddChats(Dictionary<(ChatKind, long), Peer> found, TlAbcs.Messages.Chats chats)
    {
        var list = chats switch
        {
            TlTypes.Messages.Chats c => c.ChatsValue,
            TlTypes.Messages.ChatsSlice c => c.Chats,
            _ => [],
        };
        foreach (var chat in list)
        {
            // Supergroups are Groups to users but channels to Telegram: both are found under the channel key.
            if (EntityCache.FromTl(chat) is { } peer)
                found[(peer is Group { IsMegagroup: false } ? ChatKind.Group : ChatKind.Broadcast, peer.Id)] = peer;
        }
    }

    /// <summary>The peer a contacts.resolvedPeer names.</summary>
    private static Peer PeerOfResolved(TlAbcs.Contacts.ResolvedPeer resolved, string what)
    {
        var r = (TlTypes.Contacts.ResolvedPeer)resolved;
        Peer? peer = r.Peer switch
        {
            TlTypes.PeerUser u => FindUser(r.Users, u.UserId),
            TlTypes.PeerChat c => FindChat(r.Chats, c.ChatId),
            TlTypes.PeerChannel c => FindChat(r.Chats, c.ChannelId),
            _ => null,
        };
        return peer ?? throw new InvalidOperationException($"contacts.resolvedPeer for {what} does not hold the peer it names.");
    }

    private static User? FindUser(TlAbcs.User[] users, long id)
    {
        foreach (var user in users)
        {
            if (EntityCache.FromTl(user) is { } peer && peer.Id == id)
                return peer;
        }
        return null;
    }

    private static Peer? FindChat(TlAbcs.Chat[] chats, long id)
    {
        foreach (var chat in chats)
        {
            if (EntityCache.FromTl(chat) is { } peer && peer.Id == id)
                return peer;
        }
        return null;
    }

    /// <summary>
    /// The reference a <see cref="PeerLike"/> stands for: a peer's own, a reference as given (its authorization filled in
    /// from the session when it has none and the session knows the peer), "me" as the signed-in user, and a username or
    /// phone resolved (from the session when it knows the username, else through Telegram).
    /// </summary>
    internal async Task<PeerRef> RefOfAsync(PeerLike peer, CancellationToken cancellationToken)
    {
        if (peer.IsEmpty)
            throw new ArgumentException("No peer was given.", nameof(peer));
        if (peer.Peer is { } p)
            return p.Ref;
        if (peer.Reference is { } reference)
        {
            if (reference.Authorization is not null || reference is GroupRef)
                return reference;
            var kind = reference is UserRef ? PeerKind.User : PeerKind.Channel;
            var known = await LookupAsync(new LookupPeer(kind, reference.Identifier, null), cancellationToken).ConfigureAwait(false);
            return known is null ? reference : ToRef(known);
        }
        var text = peer.Text!;
        if (PeerLike.IsSelf(text))
        {
            var status = await Actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (status.User is not { } me)
                throw new InvalidOperationException("\"me\" names the signed-in user, and the client is not signed in.");
            var self = await LookupAsync(new LookupPeer(PeerKind.User, me.Id, null), cancellationToken).ConfigureAwait(false);
            return self is null ? new UserRef(me.Id) : ToRef(self);
        }
        if (PeerLike.PhoneOf(text) is not null)
            return (await ResolvePhoneAsync(text, cancellationToken).ConfigureAwait(false)).Ref;
        var username = PeerLike.UsernameOf(text) ?? throw new ArgumentException($"\"{text}\" is not a peer.", nameof(peer));
        var cached = await LookupAsync(new LookupPeer(null, null, username), cancellationToken).ConfigureAwait(false);
        return cached is not null ? ToRef(cached) : (await ResolveUsernameAsync(username, cancellationToken).ConfigureAwait(false)).Ref;
    }

    /// <summary>The input peer to send in a request for <paramref name="peer"/> ("me" is inputPeerSelf).</summary>
    internal async Task<TlAbcs.InputPeer> InputPeerAsync(PeerLike peer, CancellationToken cancellationToken)
    {
        if (peer.Text is { } text && PeerLike.IsSelf(text))
            return new TlTypes.InputPeerSelf();
        if (peer.Peer is User { IsSelf: true })
            return new TlTypes.InputPeerSelf();
        return (await RefOfAsync(peer, cancellationToken).ConfigureAwait(false)).ToInputPeer();
    }

    /// <summary>The input user to send in a request for <paramref name="peer"/>, which must be a user ("me" is inputUserSelf).</summary>
    /// <exception cref="ArgumentException">The peer is a group or channel.</exception>
    internal async Task<TlAbcs.InputUser> InputUserAsync(PeerLike peer, CancellationToken cancellationToken)
    {
        if ((peer.Text is { } text && PeerLike.IsSelf(text)) || peer.Peer is User { IsSelf: true })
            return new TlTypes.InputUserSelf();
        return await RefOfAsync(peer, cancellationToken).ConfigureAwait(false) is UserRef user
            ? user.ToInputUser()
            : throw new ArgumentException($"{peer} is not a user.", nameof(peer));
    }

    /// <summary>The input channel to send in a request for <paramref name="peer"/>, which must be a supergroup or channel.</summary>
    /// <exception cref="ArgumentException">The peer is a user or a small group.</exception>
    internal async Task<TlAbcs.InputChannel> InputChannelAsync(PeerLike peer, CancellationToken cancellationToken) =>
        await RefOfAsync(peer, cancellationToken).ConfigureAwait(false) is ChannelRef channel
            ? channel.ToInputChannel()
            : throw new ArgumentException($"{peer} is not a supergroup or channel.", nameof(peer));

    private async Task<PeerInfo?> LookupAsync(LookupPeer query, CancellationToken cancellationToken)
    {
        var result = await Actor.Ask<PeerLookupResult>(query, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return result.Peer;
    }

    private static PeerRef ToRef(PeerInfo info) => info.Kind switch
    {
        PeerKind.User => new UserRef(info.Id, info.AccessHash),
        PeerKind.Chat => new GroupRef(info.Id),
        _ => new ChannelRef(info.Id, info.AccessHash),
    };
}
