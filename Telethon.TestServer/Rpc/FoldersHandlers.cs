using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Folders;

namespace Telethon.TestServer.Rpc;

/// <summary>folders.*: moving dialogs between the main list and the archive.</summary>
internal static class FoldersHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        table.Add<F.EditPeerFolders>(world.Messages.EditPeerFolders, HandlerAccess.UserAccount);
    }
}
