namespace Telethon.TestServer.World;

/// <summary>The rpc errors the world answers with, as Telegram names them.</summary>
internal static class WorldErrors
{
    public static RpcError Bad(string message) => new(400, message);

    public static RpcError Unauthorized(string message) => new(401, message);

    public static RpcError Forbidden(string message) => new(403, message);

    public static RpcError Migrate(string kind, int dc) => new(303, $"{kind}_MIGRATE_{dc}");

    public static RpcError PeerIdInvalid => Bad("PEER_ID_INVALID");

    public static RpcError UserIdInvalid => Bad("USER_ID_INVALID");

    public static RpcError ChannelInvalid => Bad("CHANNEL_INVALID");

    public static RpcError ChannelPrivate => Bad("CHANNEL_PRIVATE");

    public static RpcError MessageIdInvalid => Bad("MESSAGE_ID_INVALID");

    public static RpcError AuthKeyUnregistered => Unauthorized("AUTH_KEY_UNREGISTERED");
}
