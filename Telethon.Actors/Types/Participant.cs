using Telethon.Admin;
using Telethon.Tl;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// A participant of a group or channel with its standing there: present (<see cref="User"/>), banned
/// (<see cref="Banned"/>) or gone (<see cref="Left"/>), creator or administrator with its <see cref="AdminRights"/>, or
/// restricted with its <see cref="Restrictions"/>. Obtained from <see cref="Client.GetParticipantsAsync(PeerLike, int?)"/>; a snapshot.
/// </summary>
public sealed class Participant
{
    private readonly Client _client;

    internal Participant(Client client, PeerRef chat, TlObject raw, ResultPeers peers)
    {
        _client = client;
        ChatRef = chat;
        Raw = raw;
        switch (raw)
        {
            case TlTypes.ChannelParticipant p:
                User = peers.User(p.UserId);
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                Rank = p.Rank;
                break;
            case TlTypes.ChannelParticipantSelf p:
                User = peers.User(p.UserId);
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                Rank = p.Rank;
                break;
            case TlTypes.ChannelParticipantCreator p:
                User = peers.User(p.UserId);
                IsCreator = true;
                AdminRights = RightsConversion.FromTl(p.AdminRights);
                Rank = p.Rank;
                break;
            case TlTypes.ChannelParticipantAdmin p:
                User = peers.User(p.UserId);
                AdminRights = RightsConversion.FromTl(p.AdminRights);
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                Rank = p.Rank;
                break;
            case TlTypes.ChannelParticipantBanned p:
                // Banned with view_messages forbidden is out of the chat (kicked); otherwise restricted but present,
                // which Telegram also sends as channelParticipantBanned (left set when the participant is not a member).
                var peer = peers.Get(p.Peer);
                Banned = peer;
                Restrictions = RightsConversion.FromTl(p.BannedRights);
                RestrictedUntil = p.BannedRights is TlTypes.ChatBannedRights { UntilDate: > 0 and var until }
                    ? DateTimeOffset.FromUnixTimeSeconds(until)
                    : null;
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                break;
            case TlTypes.ChannelParticipantLeft p:
                Left = peers.Get(p.Peer);
                break;
            case TlTypes.ChatParticipant p:
                User = peers.User(p.UserId);
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                Rank = p.Rank;
                break;
            case TlTypes.ChatParticipantCreator p:
                // Small groups have no separate rights: their creator and admins have them all.
                User = peers.User(p.UserId);
                IsCreator = true;
                AdminRights = RightsConversion.AllAdminRights;
                Rank = p.Rank;
                break;
            case TlTypes.ChatParticipantAdmin p:
                User = peers.User(p.UserId);
                AdminRights = RightsConversion.AllAdminRights;
                JoinDate = DateTimeOffset.FromUnixTimeSeconds(p.Date);
                Rank = p.Rank;
                break;
            default:
                throw new ArgumentException($"{raw.TlName} is not a participant.", nameof(raw));
        }
    }

    /// <summary>The participant as Telegram sent it (a channelParticipant* or chatParticipant* constructor).</summary>
    public TlObject Raw { get; }

    /// <summary>The group or channel the participant is in.</summary>
    public PeerRef ChatRef { get; }

    /// <summary>The user, when the participant is present in the chat; null when <see cref="Banned"/> or <see cref="Left"/>.</summary>
    public User? User { get; }

    /// <summary>The banned or restricted participant (usually a <see cref="Model.User"/>), when it is.</summary>
    public Peer? Banned { get; }

    /// <summary>The participant that has left the chat (usually a <see cref="Model.User"/>), when it has.</summary>
    public Peer? Left { get; }

    /// <summary>Whether the participant created the chat.</summary>
    public bool IsCreator { get; }

    /// <summary>Whether the participant is an administrator (the creator included).</summary>
    public bool IsAdmin => AdminRights is not null;

    /// <summary>Whether the participant is banned or restricted.</summary>
    public bool IsBanned => Banned is not null;

    /// <summary>The rights the participant was granted, when an administrator (in small groups, every right).</summary>
    public IReadOnlySet<AdminRight>? AdminRights { get; }

    /// <summary>The restrictions applied to the participant, when banned or restricted.</summary>
    public IReadOnlySet<ChatRestriction>? Restrictions { get; }

    /// <summary>Until when the <see cref="Restrictions"/> apply; null for as long as possible (or when there are none).</summary>
    public DateTimeOffset? RestrictedUntil { get; }

    /// <summary>When the participant joined (or was promoted, or banned), when Telegram says.</summary>
    public DateTimeOffset? JoinDate { get; }

    /// <summary>The participant's custom title in the chat, if any.</summary>
    public string? Rank { get; }

    /// <summary>The participant itself, whatever its standing.</summary>
    internal Peer Peer => (Peer?)User ?? Banned ?? Left ?? throw new InvalidOperationException("The participant names no peer.");

    /// <summary>Alias for <see cref="Client.SetParticipantAdminRightsAsync"/> for this participant.</summary>
    /// <param name="rights">The rights to grant; none demotes the participant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The participant is not a user.</exception>
    public Task SetAdminRightsAsync(IEnumerable<AdminRight> rights, CancellationToken cancellationToken = default) =>
        Peer is User user
            ? _client.SetParticipantAdminRightsAsync(ChatRef, user, rights, cancellationToken)
            : throw new InvalidOperationException($"A participant of kind {Peer.Kind} cannot be made an administrator.");

    /// <summary>Alias for <see cref="Client.SetParticipantRestrictionsAsync"/> for this participant.</summary>
    /// <param name="restrictions">The restrictions to apply; none lifts every restriction.</param>
    /// <param name="until">Until when they apply; null for as long as possible.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SetRestrictionsAsync(IEnumerable<ChatRestriction> restrictions, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        _client.SetParticipantRestrictionsAsync(ChatRef, Peer, restrictions, until, cancellationToken);

    /// <inheritdoc />
    public override string ToString() =>
        $"Participant {{ {Peer.Kind} {Peer.Id} \"{Peer.Name}\", Creator = {IsCreator}, Admin = {IsAdmin}, Banned = {IsBanned}, Left = {Left is not null} }}";
}
