using Telethon.Tl.Abcs;
using FC = Telethon.Tl.Functions.Contacts;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class PeersService
{
    // A contact is one-way (the user's own list) and carries the name the user gave it. Views of users
    // need only this lock, so the answers and pushes here are built under it, then the updates lock is
    // taken (further down the order).

    /// <summary>
    /// contacts.addContact: adds a user the caller knows (by input user) to its contacts under the given
    /// name; with add_phone_privacy_exception the contact may see the caller's phone. Answers updates with
    /// updatePeerSettings and the user (now a contact), pushed to the caller's other sessions too.
    /// </summary>
    /// <exception cref="RpcError">CONTACT_ID_INVALID or CONTACT_NAME_EMPTY.</exception>
    public UpdatesBase AddContact(Caller caller, FC.AddContact request)
    {
        var viewerId = RequireUser(caller.UserId);
        long contactId;
        try
        {
            contactId = ResolveUser(viewerId, request.Id);
        }
        catch (RpcError)
        {
            throw WorldErrors.Bad("CONTACT_ID_INVALID");
        }
        if (contactId == viewerId)
            throw WorldErrors.Bad("CONTACT_ID_INVALID");
        var first = (request.FirstName ?? "").Trim();
        var last = (request.LastName ?? "").Trim();
        if (first.Length == 0 && last.Length == 0)
            throw WorldErrors.Bad("CONTACT_NAME_EMPTY");
        using (_gate.Enter())
        {
            var viewer = UserLocked(viewerId);
            viewer.Contacts.Add(contactId);
            viewer.ContactNames[contactId] = (first, last);
            if (request.AddPhonePrivacyException)
                viewer.PhoneSharedWith.Add(contactId);
            return PushContactChange(caller, viewer, [contactId], "updatePeerSettings");
        }
    }

    /// <summary>
    /// contacts.importContacts: every phone registered to somebody else becomes a contact under the given
    /// name (the others are left out, as Telegram does for numbers without an account).
    /// </summary>
    public Tl.Abcs.Contacts.ImportedContacts ImportContacts(Caller caller, FC.ImportContacts request)
    {
        var viewerId = RequireUser(caller.UserId);
        using (_gate.Enter())
        {
            var viewer = UserLocked(viewerId);
            var imported = new List<ImportedContact>();
            var users = new List<User>();
            foreach (var input in request.Contacts ?? [])
            {
                if (input is not T.InputPhoneContact contact || NormalizePhone(contact.Phone) is not { Length: > 0 } phone)
                    continue;
                viewer.SavedPhones.Add(phone);
                if (!_byPhone.TryGetValue(phone, out var userId) || userId == viewerId)
                    continue;
                viewer.Contacts.Add(userId);
                viewer.ContactNames[userId] = ((contact.FirstName ?? "").Trim(), (contact.LastName ?? "").Trim());
                imported.Add(new T.ImportedContact { UserId = userId, ClientId = contact.ClientId });
            }
            foreach (var userId in imported.Select(i => ((T.ImportedContact)i).UserId).Distinct())
                users.Add(UserViewLocked(_users[userId], viewer));
            return new T.Contacts.ImportedContacts { Imported = [.. imported], PopularInvites = [], RetryContacts = [], Users = [.. users] };
        }
    }

    /// <summary>
    /// contacts.deleteContacts: the users stop being the caller's contacts (and lose its phone). Answers
    /// updates with updatePeerSettings and the users as now seen, pushed to the caller's other sessions too.
    /// </summary>
    /// <exception cref="RpcError">CONTACT_ID_INVALID.</exception>
    public UpdatesBase DeleteContacts(Caller caller, FC.DeleteContacts request)
    {
        var viewerId = RequireUser(caller.UserId);
        var ids = new List<long>();
        foreach (var input in request.Id ?? [])
        {
            try
            {
                ids.Add(ResolveUser(viewerId, input));
            }
            catch (RpcError)
            {
                throw WorldErrors.Bad("CONTACT_ID_INVALID");
            }
        }
        using (_gate.Enter())
        {
            var viewer = UserLocked(viewerId);
            foreach (var id in ids)
            {
                viewer.Contacts.Remove(id);
                viewer.ContactNames.Remove(id);
                viewer.PhoneSharedWith.Remove(id);
            }
            return PushContactChange(caller, viewer, [.. ids.Distinct()], "updatePeerSettings");
        }
    }

    /// <summary>Answers and pushes (to the other sessions) one updatePeerSettings per user, with the users' views; holds this lock.</summary>
    private T.UpdatesConstructor PushContactChange(Caller caller, UserRecord viewer, long[] userIds, string kind)
    {
        var users = userIds.Select(id => (User)UserViewLocked(_users[id], viewer)).ToArray();
        var updates = userIds.Select(id => (Update)new T.UpdatePeerSettings
        {
            Peer = new T.PeerUser { UserId = id },
            Settings = viewer.Contacts.Contains(id) ? new T.PeerSettings() : new T.PeerSettings { AddContact = true, BlockContact = true },
        }).ToArray();
        PeerKey[] refs = [.. userIds.Select(id => new PeerKey(PeerKind.User, id))];
        using (_world.Updates.Hold())
        {
            var stream = _world.Updates.Stream(viewer.Id);
            foreach (var _ in updates)
                stream.Truth(kind, 0, 0, null, null);
            var container = stream.Container(updates, refs, new PeerViews(users, []));
            stream.Push(container, caller.Session, null, 1, 0);
            return container;
        }
    }
}
