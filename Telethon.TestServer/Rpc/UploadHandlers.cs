using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Upload;

namespace Telethon.TestServer.Rpc;

/// <summary>upload.*: saving parts and downloading files (getFile is served on any DC the caller is authorized on).</summary>
internal static class UploadHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var files = world.Files;
        table.Add<F.SaveFilePart>(files.SaveFilePart, HandlerAccess.Authorized);
        table.Add<F.SaveBigFilePart>(files.SaveBigFilePart, HandlerAccess.Authorized);
        table.Add<F.GetFile>(F.GetFile.TlConstructorId, HandlerAccess.Authorized, (request, function) => files.ServeFile(request.Caller, function));
    }
}
