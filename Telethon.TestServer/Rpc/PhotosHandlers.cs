using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Photos;

namespace Telethon.TestServer.Rpc;

/// <summary>photos.*: profile photos.</summary>
internal static class PhotosHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var files = world.Files;
        table.Add<F.UploadProfilePhoto>(files.UploadProfilePhoto, HandlerAccess.Account);
        table.Add<F.GetUserPhotos>(files.GetUserPhotos, HandlerAccess.Account);
    }
}
