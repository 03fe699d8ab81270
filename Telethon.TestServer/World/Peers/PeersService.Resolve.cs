using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class PeersService
{
    // Input peers are checked against per-viewer access hashes. A peer "seen in a message" asks the
    // messages or chats service, which come earlier in the lock order: resolve before taking the peers,
    // chats or updates lock (holding the messages lock is fine).

    /// <summary>The peer <paramref name="input"/> names for <paramref name="viewerId"/>.</summary>
    /// <exception cref="RpcError">PEER_ID_INVALID or CHANNEL_INVALID.</exception>
    public PeerKey ResolvePeer(long viewerId, InputPeer? input)
    {
        switch (input)
        {
            case T.InputPeerSelf:
                return new PeerKey(PeerKind.User, viewerId);
            case T.InputPeerUser user:
                if (!UserExists(user.UserId) || user.AccessHash != AccessHash(viewerId, new PeerKey(PeerKind.User, user.UserId)))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.User, user.UserId);
            case T.InputPeerChat chat:
                if (!_world.Chats.IsMemberOrFormer(chat.ChatId, viewerId))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.Chat, chat.ChatId);
            case T.InputPeerChannel channel:
                if (!_world.Chats.ChannelExists(channel.ChannelId) || channel.AccessHash != AccessHash(viewerId, new PeerKey(PeerKind.Channel, channel.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return new PeerKey(PeerKind.Channel, channel.ChannelId);
            case T.InputPeerUserFromMessage fromMessage:
                if (!SeenInMessage(viewerId, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.User, fromMessage.UserId)))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.User, fromMessage.UserId);
            case T.InputPeerChannelFromMessage fromMessage:
                if (!SeenInMessage(viewerId, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.Channel, fromMessage.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return new PeerKey(PeerKind.Channel, fromMessage.ChannelId);
            default:
                throw WorldErrors.PeerIdInvalid;
        }
    }

    /// <summary>The user <paramref name="input"/> names for <paramref name="viewerId"/>.</summary>
    /// <exception cref="RpcError">USER_ID_INVALID.</exception>
    public long ResolveUser(long viewerId, InputUser? input)
    {
        switch (input)
        {
            case T.InputUserSelf:
                return viewerId;
            case T.InputUser user:
                if (!UserExists(user.UserId) || user.AccessHash != AccessHash(viewerId, new PeerKey(PeerKind.User, user.UserId)))
                    throw WorldErrors.UserIdInvalid;
                return user.UserId;
            case T.InputUserFromMessage fromMessage:
                if (!SeenInMessage(viewerId, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.User, fromMessage.UserId)))
                    throw WorldErrors.UserIdInvalid;
                return fromMessage.UserId;
            default:
                throw WorldErrors.UserIdInvalid;
        }
    }

    /// <summary>The channel <paramref name="input"/> names for <paramref name="viewerId"/>.</summary>
    /// <exception cref="RpcError">CHANNEL_INVALID.</exception>
    public long ResolveChannel(long viewerId, InputChannel? input)
    {
        switch (input)
        {
            case T.InputChannel channel:
                if (!_world.Chats.ChannelExists(channel.ChannelId) || channel.AccessHash != AccessHash(viewerId, new PeerKey(PeerKind.Channel, channel.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return channel.ChannelId;
            case T.InputChannelFromMessage fromMessage:
                if (!SeenInMessage(viewerId, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.Channel, fromMessage.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return fromMessage.ChannelId;
            default:
                throw WorldErrors.ChannelInvalid;
        }
    }

    /// <summary>Whether <paramref name="target"/> appears (as sender or peer) in message <paramref name="msgId"/> of <paramref name="peer"/>.</summary>
    private bool SeenInMessage(long viewerId, InputPeer peer, int msgId, PeerKey target)
    {
        PeerKey where;
        try
        {
            where = ResolvePeer(viewerId, peer);
        }
        catch (RpcError)
        {
            return false;
        }
        return where.Kind == PeerKind.Channel
            ? _world.Chats.SeenInChannelMessage(where.Id, msgId, target)
            : _world.Messages.SeenInMessage(viewerId, where, msgId, target);
    }
}
