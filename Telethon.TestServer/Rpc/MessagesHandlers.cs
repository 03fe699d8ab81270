using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Messages;

namespace Telethon.TestServer.Rpc;

/// <summary>messages.*: sending, editing, deleting and reading messages, history, dialogs, small groups.</summary>
internal static class MessagesHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var messages = world.Messages;
        table.Add<F.SendMessage>(messages.SendMessage, HandlerAccess.Account);
        table.Add<F.SendMedia>(messages.SendMedia, HandlerAccess.Account);
        table.Add<F.SendMultiMedia>(messages.SendMultiMedia, HandlerAccess.Account);
        table.Add<F.UploadMedia>(world.Files.UploadMedia, HandlerAccess.Account);
        table.Add<F.EditMessage>(messages.EditMessage, HandlerAccess.Account);
        table.Add<F.DeleteMessages>(messages.DeleteMessages, HandlerAccess.Account);
        table.Add<F.GetHistory>(messages.GetHistory, HandlerAccess.UserAccount);
        table.Add<F.GetMessages>(messages.GetMessages, HandlerAccess.Account);
        table.Add<F.ReadHistory>(messages.ReadHistory, HandlerAccess.UserAccount);
        table.Add<F.GetDialogs>(messages.GetDialogs, HandlerAccess.UserAccount);
        table.Add<F.CreateChat>(messages.CreateChat, HandlerAccess.UserAccount);
        table.Add<F.ForwardMessages>(messages.ForwardMessages, HandlerAccess.Account);
        table.Add<F.Search>(messages.Search, HandlerAccess.UserAccount);
        table.Add<F.SearchGlobal>(messages.SearchGlobal, HandlerAccess.UserAccount);
        table.Add<F.UpdatePinnedMessage>(messages.UpdatePinnedMessage, HandlerAccess.Account);
        table.Add<F.UnpinAllMessages>(messages.UnpinAllMessages, HandlerAccess.Account);
        table.Add<F.ToggleDialogPin>(messages.ToggleDialogPin, HandlerAccess.UserAccount);
        table.Add<F.GetPinnedDialogs>(messages.GetPinnedDialogs, HandlerAccess.UserAccount);
        table.Add<F.SaveDraft>(messages.SaveDraft, HandlerAccess.UserAccount);
        table.Add<F.GetAllDrafts>(messages.GetAllDrafts, HandlerAccess.UserAccount);
        table.Add<F.ClearAllDrafts>(messages.ClearAllDrafts, HandlerAccess.UserAccount);
        table.Add<F.DeleteHistory>(messages.DeleteHistory, HandlerAccess.Account);
        table.Add<F.DeleteChatUser>(messages.DeleteChatUser, HandlerAccess.Account);
        table.Add<F.GetChats>(world.Chats.GetChats, HandlerAccess.Account);
        table.Add<F.GetFullChat>(world.Chats.GetFullChat, HandlerAccess.Account);
        table.Add<F.EditChatAdmin>(world.Chats.EditChatAdmin, HandlerAccess.UserAccount);
        table.Add<F.EditChatDefaultBannedRights>(world.Chats.EditChatDefaultBannedRights, HandlerAccess.Account);
    }
}
