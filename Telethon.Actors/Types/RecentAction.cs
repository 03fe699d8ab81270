using System.Globalization;
using Telethon.Admin;
using Telethon.Events;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// A recent action in a supergroup or channel, an entry of its administrators' log (Telegram's
/// <c>channelAdminLogEvent</c>). Only administrators can see them; obtained from <see cref="Client.GetAdminLogAsync(PeerLike, int?)"/>.
/// </summary>
public sealed class RecentAction
{
    internal RecentAction(TlTypes.ChannelAdminLogEvent raw, ResultPeers peers, IEventContext context)
    {
        Raw = raw;
        Actor = peers.User(raw.UserId);
        (Description, DeletedMessage, EditedMessage, PreviousMessage) = Describe(raw.Action, peers, context);
    }

    /// <summary>The event as Telegram sent it.</summary>
    public TlTypes.ChannelAdminLogEvent Raw { get; }

    /// <summary>The identifier of this action (not the id of a message it concerns).</summary>
    public long Id => Raw.Id;

    /// <summary>When the action happened.</summary>
    public DateTimeOffset Date => DateTimeOffset.FromUnixTimeSeconds(Raw.Date);

    /// <summary>Who did it.</summary>
    public User Actor { get; }

    /// <summary>What was done, as Telegram sent it (a channelAdminLogEventAction* constructor).</summary>
    public TlAbcs.ChannelAdminLogEventAction Action => Raw.Action;

    /// <summary>What was done, in a sentence (for the kinds of action this library names; otherwise the constructor's name).</summary>
    public string Description { get; }

    /// <summary>The message that was deleted, when the action is a deletion.</summary>
    public Message? DeletedMessage { get; }

    /// <summary>The message as edited, when the action is an edit.</summary>
    public Message? EditedMessage { get; }

    /// <summary>The message before the edit, when the action is an edit.</summary>
    public Message? PreviousMessage { get; }

    private static (string, Message?, Message?, Message?) Describe(TlAbcs.ChannelAdminLogEventAction action, ResultPeers peers, IEventContext context)
    {
        Message? M(TlAbcs.Message m) => peers.MessageOf(m, context);
        string Who(TlAbcs.ChannelParticipant p) => p switch
        {
            TlTypes.ChannelParticipant x => Name(peers.User(x.UserId)),
            TlTypes.ChannelParticipantSelf x => Name(peers.User(x.UserId)),
            TlTypes.ChannelParticipantCreator x => Name(peers.User(x.UserId)),
            TlTypes.ChannelParticipantAdmin x => Name(peers.User(x.UserId)),
            TlTypes.ChannelParticipantBanned x => Name(peers.Get(x.Peer)),
            TlTypes.ChannelParticipantLeft x => Name(peers.Get(x.Peer)),
            _ => "someone",
        };
        static string Rights(IEnumerable<Enum> set) => set.Any() ? string.Join(", ", set.Select(r => r.ToString()).Order(StringComparer.Ordinal)) : "none";
        static string Restrictions(TlAbcs.ChatBannedRights r) => Rights(RightsConversion.FromTl(r).Cast<Enum>());
        static string AdminRights(TlAbcs.ChannelParticipant p) => p switch
        {
            TlTypes.ChannelParticipantAdmin a => Rights(RightsConversion.FromTl(a.AdminRights).Cast<Enum>()),
            TlTypes.ChannelParticipantCreator c => Rights(RightsConversion.FromTl(c.AdminRights).Cast<Enum>()),
            _ => "none",
        };
        static string BannedRights(TlAbcs.ChannelParticipant p) =>
            p is TlTypes.ChannelParticipantBanned b ? Restrictions(b.BannedRights) : "none";
        static string OnOff(bool value) => value ? "on" : "off";

        return action switch
        {
            TlTypes.ChannelAdminLogEventActionChangeTitle a => ($"changed the title from \"{a.PrevValue}\" to \"{a.NewValue}\"", null, null, null),
            TlTypes.ChannelAdminLogEventActionChangeAbout a => ($"changed the description from \"{a.PrevValue}\" to \"{a.NewValue}\"", null, null, null),
            TlTypes.ChannelAdminLogEventActionChangeUsername a => ($"changed the username from \"{a.PrevValue}\" to \"{a.NewValue}\"", null, null, null),
            TlTypes.ChannelAdminLogEventActionChangePhoto => ("changed the photo", null, null, null),
            TlTypes.ChannelAdminLogEventActionToggleInvites a => ($"turned invitations by members {OnOff(a.NewValue)}", null, null, null),
            TlTypes.ChannelAdminLogEventActionToggleSignatures a => ($"turned signatures {OnOff(a.NewValue)}", null, null, null),
            TlTypes.ChannelAdminLogEventActionTogglePreHistoryHidden a => ($"turned hiding the history from new members {OnOff(a.NewValue)}", null, null, null),
            TlTypes.ChannelAdminLogEventActionToggleSlowMode a => (string.Create(CultureInfo.InvariantCulture, $"changed the slow mode from {a.PrevValue} to {a.NewValue} seconds"), null, null, null),
            TlTypes.ChannelAdminLogEventActionUpdatePinned a => (a.Message is TlTypes.Message { Pinned: true } ? "pinned a message" : "unpinned a message", null, null, null),
            TlTypes.ChannelAdminLogEventActionEditMessage a => ("edited a message", null, M(a.NewMessage), M(a.PrevMessage)),
            TlTypes.ChannelAdminLogEventActionDeleteMessage a => ("deleted a message", M(a.Message), null, null),
            TlTypes.ChannelAdminLogEventActionParticipantJoin => ("joined", null, null, null),
            TlTypes.ChannelAdminLogEventActionParticipantLeave => ("left", null, null, null),
            TlTypes.ChannelAdminLogEventActionParticipantInvite a => ($"invited {Who(a.Participant)}", null, null, null),
            TlTypes.ChannelAdminLogEventActionParticipantToggleBan a =>
                ($"changed the restrictions of {Who(a.NewParticipant)} from [{BannedRights(a.PrevParticipant)}] to [{BannedRights(a.NewParticipant)}]", null, null, null),
            TlTypes.ChannelAdminLogEventActionParticipantToggleAdmin a =>
                ($"changed the admin rights of {Who(a.NewParticipant)} from [{AdminRights(a.PrevParticipant)}] to [{AdminRights(a.NewParticipant)}]", null, null, null),
            TlTypes.ChannelAdminLogEventActionDefaultBannedRights a =>
                ($"changed the default restrictions from [{Restrictions(a.PrevBannedRights)}] to [{Restrictions(a.NewBannedRights)}]", null, null, null),
            _ => (action.TlName, null, null, null),
        };
    }

    private static string Name(Peer peer) => peer.Name.Length > 0
        ? peer.Name
        : string.Create(CultureInfo.InvariantCulture, $"{peer.Kind} {peer.Id}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RecentAction {{ Id = {Id}, Actor = {Actor.Id}, {Description} }}");
}
