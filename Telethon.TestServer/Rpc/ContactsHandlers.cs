using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Contacts;

namespace Telethon.TestServer.Rpc;

/// <summary>contacts.*: resolving usernames and phones, the contact list.</summary>
internal static class ContactsHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var peers = world.Peers;
        table.Add<F.ResolveUsername>(peers.ResolveUsername, HandlerAccess.Account);
        table.Add<F.ResolvePhone>(peers.ResolvePhone, HandlerAccess.UserAccount);
        table.Add<F.GetContacts>(peers.GetContacts, HandlerAccess.UserAccount);
        table.Add<F.ImportContacts>(peers.ImportContacts, HandlerAccess.UserAccount);
        table.Add<F.AddContact>(peers.AddContact, HandlerAccess.UserAccount);
        table.Add<F.DeleteContacts>(peers.DeleteContacts, HandlerAccess.UserAccount);
    }
}
