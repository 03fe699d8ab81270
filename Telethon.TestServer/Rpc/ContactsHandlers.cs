using F = Telethon.Tl.Functions.Contacts;

namespace Telethon.TestServer.Rpc;

/// <summary>contacts.*: resolving usernames and phones, the contact list.</summary>
internal static class ContactsHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.ResolveUsername>(F.ResolveUsername.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Peers.ResolveUsername(r.Caller, f));
        table.Add<F.ResolvePhone>(F.ResolvePhone.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Peers.ResolvePhone(r.Caller, f));
        table.Add<F.GetContacts>(F.GetContacts.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Peers.GetContacts(r.Caller, f));
    }
}
