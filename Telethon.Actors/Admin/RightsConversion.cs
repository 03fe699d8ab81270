using Telethon.Model;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Admin;

/// <summary>
/// Between the friendly rights (<see cref="AdminRight"/>, <see cref="ChatRestriction"/>) and Telegram's
/// <c>chatAdminRights</c> and <c>chatBannedRights</c>. Telegram's banned rights are "forbidden" flags: a restriction
/// present is its flag set, no restriction at all is every flag clear.
/// </summary>
internal static class RightsConversion
{
    /// <summary>Every admin right there is.</summary>
    public static readonly IReadOnlySet<AdminRight> AllAdminRights = new HashSet<AdminRight>(Enum.GetValues<AdminRight>());

    /// <summary>The TL form of a set of admin rights (flags Telegram has and the set does not name stay clear).</summary>
    public static TlTypes.ChatAdminRights ToTl(IEnumerable<AdminRight> rights)
    {
        ArgumentNullException.ThrowIfNull(rights);
        var tl = new TlTypes.ChatAdminRights();
        foreach (var right in rights)
        {
            switch (right)
            {
                case AdminRight.ChangeInfo: tl.ChangeInfo = true; break;
                case AdminRight.PostMessages: tl.PostMessages = true; break;
                case AdminRight.EditMessages: tl.EditMessages = true; break;
                case AdminRight.DeleteMessages: tl.DeleteMessages = true; break;
                case AdminRight.BanUsers: tl.BanUsers = true; break;
                case AdminRight.InviteUsers: tl.InviteUsers = true; break;
                case AdminRight.PinMessages: tl.PinMessages = true; break;
                case AdminRight.ManageAdmins: tl.AddAdmins = true; break;
                case AdminRight.RemainAnonymous: tl.Anonymous = true; break;
                case AdminRight.ManageCalls: tl.ManageCall = true; break;
                case AdminRight.Other: tl.Other = true; break;
                case AdminRight.ManageTopics: tl.ManageTopics = true; break;
                case AdminRight.PostStories: tl.PostStories = true; break;
                case AdminRight.EditStories: tl.EditStories = true; break;
                case AdminRight.DeleteStories: tl.DeleteStories = true; break;
                default: throw new ArgumentOutOfRangeException(nameof(rights), right, "Not an admin right.");
            }
        }
        return tl;
    }

    /// <summary>The admin rights a TL <c>chatAdminRights</c> grants (flags without a friendly name are left out).</summary>
    public static IReadOnlySet<AdminRight> FromTl(Tl.Abcs.ChatAdminRights rights)
    {
        ArgumentNullException.ThrowIfNull(rights);
        var set = new HashSet<AdminRight>();
        if (rights is not TlTypes.ChatAdminRights r)
            return set;
        if (r.ChangeInfo) set.Add(AdminRight.ChangeInfo);
        if (r.PostMessages) set.Add(AdminRight.PostMessages);
        if (r.EditMessages) set.Add(AdminRight.EditMessages);
        if (r.DeleteMessages) set.Add(AdminRight.DeleteMessages);
        if (r.BanUsers) set.Add(AdminRight.BanUsers);
        if (r.InviteUsers) set.Add(AdminRight.InviteUsers);
        if (r.PinMessages) set.Add(AdminRight.PinMessages);
        if (r.AddAdmins) set.Add(AdminRight.ManageAdmins);
        if (r.Anonymous) set.Add(AdminRight.RemainAnonymous);
        if (r.ManageCall) set.Add(AdminRight.ManageCalls);
        if (r.Other) set.Add(AdminRight.Other);
        if (r.ManageTopics) set.Add(AdminRight.ManageTopics);
        if (r.PostStories) set.Add(AdminRight.PostStories);
        if (r.EditStories) set.Add(AdminRight.EditStories);
        if (r.DeleteStories) set.Add(AdminRight.DeleteStories);
        return set;
    }

    /// <summary>
    /// The TL form of a set of restrictions until <paramref name="until"/> (null: for as long as possible, which Telegram
    /// spells 0). A date less than 30 seconds or more than 366 days away is taken by Telegram as forever too.
    /// </summary>
    public static TlTypes.ChatBannedRights ToTl(IEnumerable<ChatRestriction> restrictions, DateTimeOffset? until)
    {
        ArgumentNullException.ThrowIfNull(restrictions);
        var tl = new TlTypes.ChatBannedRights { UntilDate = UntilDate(until) };
        foreach (var restriction in restrictions)
        {
            switch (restriction)
            {
                case ChatRestriction.ViewMessages: tl.ViewMessages = true; break;
                case ChatRestriction.SendMessages: tl.SendMessages = true; break;
                case ChatRestriction.SendMedia: tl.SendMedia = true; break;
                case ChatRestriction.SendStickers: tl.SendStickers = true; break;
                case ChatRestriction.SendGifs: tl.SendGifs = true; break;
                case ChatRestriction.SendGames: tl.SendGames = true; break;
                case ChatRestriction.SendInline: tl.SendInline = true; break;
                case ChatRestriction.EmbedLinks: tl.EmbedLinks = true; break;
                case ChatRestriction.SendPolls: tl.SendPolls = true; break;
                case ChatRestriction.ChangeInfo: tl.ChangeInfo = true; break;
                case ChatRestriction.InviteUsers: tl.InviteUsers = true; break;
                case ChatRestriction.PinMessages: tl.PinMessages = true; break;
                case ChatRestriction.ManageTopics: tl.ManageTopics = true; break;
                case ChatRestriction.SendPhotos: tl.SendPhotos = true; break;
                case ChatRestriction.SendVideos: tl.SendVideos = true; break;
                case ChatRestriction.SendRoundVideos: tl.SendRoundvideos = true; break;
                case ChatRestriction.SendAudios: tl.SendAudios = true; break;
                case ChatRestriction.SendVoiceNotes: tl.SendVoices = true; break;
                case ChatRestriction.SendDocuments: tl.SendDocs = true; break;
                case ChatRestriction.SendPlainMessages: tl.SendPlain = true; break;
                default: throw new ArgumentOutOfRangeException(nameof(restrictions), restriction, "Not a chat restriction.");
            }
        }
        return tl;
    }

    /// <summary>The restrictions a TL <c>chatBannedRights</c> applies (flags without a friendly name are left out).</summary>
    public static IReadOnlySet<ChatRestriction> FromTl(Tl.Abcs.ChatBannedRights rights)
    {
        ArgumentNullException.ThrowIfNull(rights);
        var set = new HashSet<ChatRestriction>();
        if (rights is not TlTypes.ChatBannedRights r)
            return set;
        if (r.ViewMessages) set.Add(ChatRestriction.ViewMessages);
        if (r.SendMessages) set.Add(ChatRestriction.SendMessages);
        if (r.SendMedia) set.Add(ChatRestriction.SendMedia);
        if (r.SendStickers) set.Add(ChatRestriction.SendStickers);
        if (r.SendGifs) set.Add(ChatRestriction.SendGifs);
        if (r.SendGames) set.Add(ChatRestriction.SendGames);
        if (r.SendInline) set.Add(ChatRestriction.SendInline);
        if (r.EmbedLinks) set.Add(ChatRestriction.EmbedLinks);
        if (r.SendPolls) set.Add(ChatRestriction.SendPolls);
        if (r.ChangeInfo) set.Add(ChatRestriction.ChangeInfo);
        if (r.InviteUsers) set.Add(ChatRestriction.InviteUsers);
        if (r.PinMessages) set.Add(ChatRestriction.PinMessages);
        if (r.ManageTopics) set.Add(ChatRestriction.ManageTopics);
        if (r.SendPhotos) set.Add(ChatRestriction.SendPhotos);
        if (r.SendVideos) set.Add(ChatRestriction.SendVideos);
        if (r.SendRoundvideos) set.Add(ChatRestriction.SendRoundVideos);
        if (r.SendAudios) set.Add(ChatRestriction.SendAudios);
        if (r.SendVoices) set.Add(ChatRestriction.SendVoiceNotes);
        if (r.SendDocs) set.Add(ChatRestriction.SendDocuments);
        if (r.SendPlain) set.Add(ChatRestriction.SendPlainMessages);
        return set;
    }

    /// <summary>The until_date of banned rights: 0 (forever) for null, else the Unix time, clamped to what an int holds.</summary>
    public static int UntilDate(DateTimeOffset? until) => until is { } date
        ? (int)Math.Clamp(date.ToUnixTimeSeconds(), 1, int.MaxValue)
        : 0;
}
