using F = Telethon.Tl.Functions.Messages;

namespace Telethon.TestServer.Rpc;

/// <summary>messages.*: sending, editing, deleting and reading messages, history, dialogs, small groups.</summary>
internal static class MessagesHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.SendMessage>(F.SendMessage.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.SendMessage(r.Caller, f.Peer, f.Message, f.RandomId, f.Entities, f.ReplyTo));
        table.Add<F.EditMessage>(F.EditMessage.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.EditMessage(r.Caller, f.Peer, f.Id, f.Message, f.Entities));
        table.Add<F.DeleteMessages>(F.DeleteMessages.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.DeleteMessages(r.Caller, f.Id, f.Revoke));
        table.Add<F.GetHistory>(F.GetHistory.TlConstructorId, HandlerAccess.UserAccount,
            (r, f) => r.World.GetHistory(r.Caller, f.Peer, f.OffsetId, f.OffsetDate, f.AddOffset, f.Limit, f.MaxId, f.MinId));
        table.Add<F.GetMessages>(F.GetMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.GetMessages(r.Caller, f.Id));
        table.Add<F.ReadHistory>(F.ReadHistory.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.ReadHistory(r.Caller, f.Peer, f.MaxId));
        table.Add<F.GetDialogs>(F.GetDialogs.TlConstructorId, HandlerAccess.UserAccount,
            (r, f) => r.World.GetDialogs(r.Caller, f.OffsetDate, f.OffsetId, f.OffsetPeer, f.Limit, f.FolderId));
        table.Add<F.CreateChat>(F.CreateChat.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.CreateChat(r.Caller, f.Users, f.Title));
    }
}
