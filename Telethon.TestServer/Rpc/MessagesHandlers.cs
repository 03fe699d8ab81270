using F = Telethon.Tl.Functions.Messages;

namespace Telethon.TestServer.Rpc;

/// <summary>messages.*: sending, editing, deleting and reading messages, history, dialogs, small groups.</summary>
internal static class MessagesHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.SendMessage>(F.SendMessage.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Messages.SendMessage(r.Caller, f));
        table.Add<F.EditMessage>(F.EditMessage.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Messages.EditMessage(r.Caller, f));
        table.Add<F.DeleteMessages>(F.DeleteMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Messages.DeleteMessages(r.Caller, f));
        table.Add<F.GetHistory>(F.GetHistory.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Messages.GetHistory(r.Caller, f));
        table.Add<F.GetMessages>(F.GetMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Messages.GetMessages(r.Caller, f));
        table.Add<F.ReadHistory>(F.ReadHistory.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Messages.ReadHistory(r.Caller, f));
        table.Add<F.GetDialogs>(F.GetDialogs.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Messages.GetDialogs(r.Caller, f));
        table.Add<F.CreateChat>(F.CreateChat.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Messages.CreateChat(r.Caller, f));
    }
}
