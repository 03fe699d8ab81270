using Telethon.Admin;
using Telethon.Model;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Participants, administrator rights, restrictions and the admin log.
public sealed partial class Client
{
    /// <summary>The most participants channels.getParticipants returns at once.</summary>
    private const int ParticipantsPageSize = 200;

    /// <summary>The most events channels.getAdminLog returns at once.</summary>
    private const int AdminLogPageSize = 100;

    /// <summary>
    /// The participants of a group or channel, with their standing and rights: a supergroup's or channel's through
    /// channels.getParticipants (recent participants, a page at a time), a small group's through messages.getFullChat (all
    /// at once; only the account itself when it may not see the others). Telegram does not let every member see every
    /// other, and caps how many can be listed: the list may be shorter than the member count.
    /// </summary>
    /// <param name="chat">The group or channel.</param>
    /// <param name="limit">The most participants to fetch; null for all Telegram gives.</param>
    /// <exception cref="ArgumentException">The chat is a user (on enumeration).</exception>
    /// <exception cref="RpcError">Telegram refused (CHAT_ADMIN_REQUIRED for a channel's list without admin rights,
    /// CHANNEL_PRIVATE, ...), on enumeration.</exception>
    public AsyncList<Participant> GetParticipantsAsync(PeerLike chat, int? limit = null) => GetParticipantsAsync(chat, limit, ParticipantsPageSize);

    /// <summary>The participants, asking for at most <paramref name="pageSize"/> at a time.</summary>
    internal AsyncList<Participant> GetParticipantsAsync(PeerLike chat, int? limit, int pageSize)
    {
        if (chat.IsEmpty)
            throw new ArgumentException("No chat was given.", nameof(chat));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new AsyncList<Participant>((cursor, ct) => FetchParticipantsAsync(chat, cursor, Math.Min(pageSize, ParticipantsPageSize), ct), limit);
    }

    private async Task<AsyncListPage<Participant>> FetchParticipantsAsync(PeerLike chat, AsyncListCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        var state = cursor.State as ParticipantsOffset;
        var reference = state?.Chat ?? await GroupOrChannelAsync(chat, cancellationToken).ConfigureAwait(false);
        if (reference is GroupRef group)
        {
            var full = await InvokeAsync(new Fn.Messages.GetFullChat { ChatId = group.Identifier }, cancellationToken).ConfigureAwait(false);
            if (full is not TlTypes.Messages.ChatFull { FullChat: TlTypes.ChatFull chatFull } result)
                throw new InvalidOperationException($"unexpected answer to messages.getFullChat: {full.TlName}");
            var peers = new ResultPeers(result.Users, result.Chats);
            var members = new List<Participant>();
            switch (chatFull.Participants)
            {
                case TlTypes.ChatParticipants list:
                    foreach (var p in list.Participants)
                        members.Add(new Participant(this, group, p, peers));
                    break;
                case TlTypes.ChatParticipantsForbidden { SelfParticipant: { } self }:
                    members.Add(new Participant(this, group, self, peers));
                    break;
            }
            return new AsyncListPage<Participant>(members, null, members.Count);
        }

        var channel = (ChannelRef)reference;
        var offset = state?.Offset ?? 0;
        var seen = state?.Seen ?? [];
        var answer = await InvokeAsync(new Fn.Channels.GetParticipants
        {
            Channel = channel.ToInputChannel(),
            Filter = new TlTypes.ChannelParticipantsRecent(),
            Offset = offset,
            Limit = cursor.PageSize(pageSize),
            Hash = 0,
        }, cancellationToken).ConfigureAwait(false);
        if (answer is not TlTypes.Channels.ChannelParticipants page)
            return new AsyncListPage<Participant>([], null, null);
        var pagePeers = new ResultPeers(page.Users, page.Chats);
        var items = new List<Participant>(page.Participants.Length);
        foreach (var raw in page.Participants)
        {
            var participant = new Participant(this, channel, raw, pagePeers);
            // Members join and leave between pages, which shifts the offsets: a participant is listed once.
            if (seen.Add((participant.Peer.Kind, participant.Peer.Id)))
                items.Add(participant);
        }
        var nextOffset = offset + page.Participants.Length;
        var last = page.Participants.Length == 0 || nextOffset >= page.Count;
        return new AsyncListPage<Participant>(items, last ? null : new ParticipantsOffset(channel, nextOffset, seen), page.Count);
    }

    /// <summary>Where the next page of a channel's participants starts, and who was listed already.</summary>
    private sealed record ParticipantsOffset(PeerRef Chat, int Offset, HashSet<(ChatKind, long)> Seen);

    /// <summary>
    /// Sets the administrator rights of a participant (channels.editAdmin); no rights demotes them. Small groups have no
    /// separate rights: any right makes the user an administrator with all of them, and none demotes them
    /// (messages.editChatAdmin).
    /// </summary>
    /// <param name="chat">The group or channel.</param>
    /// <param name="participant">The user to promote or demote.</param>
    /// <param name="rights">The rights to grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The chat is a user, or the participant is not a user.</exception>
    /// <exception cref="RpcError">Telegram refused (CHAT_ADMIN_REQUIRED, RIGHT_FORBIDDEN, USER_NOT_PARTICIPANT, ...).</exception>
    public async Task SetParticipantAdminRightsAsync(PeerLike chat, PeerLike participant, IEnumerable<AdminRight> rights,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rights);
        var granted = rights.ToHashSet();
        var reference = await GroupOrChannelAsync(chat, cancellationToken).ConfigureAwait(false);
        var user = await InputUserAsync(participant, cancellationToken).ConfigureAwait(false);
        if (reference is ChannelRef channel)
        {
            await InvokeAsync(new Fn.Channels.EditAdmin
            {
                Channel = channel.ToInputChannel(),
                UserId = user,
                AdminRights = RightsConversion.ToTl(granted),
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await InvokeAsync(new Fn.Messages.EditChatAdmin
            {
                ChatId = reference.Identifier,
                UserId = user,
                IsAdmin = granted.Count > 0,
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets the restrictions of a participant of a supergroup or channel until a date (channels.editBanned): forbidding
    /// <see cref="ChatRestriction.ViewMessages"/> bans them from the chat, other restrictions keep them in it, and none
    /// lifts every restriction. Small groups have no separate restrictions: any restriction removes the user from the
    /// group (messages.deleteChatUser, their history revoked with <see cref="ChatRestriction.ViewMessages"/>), and none
    /// does nothing.
    /// </summary>
    /// <param name="chat">The group or channel.</param>
    /// <param name="participant">The participant to restrict (usually a user).</param>
    /// <param name="restrictions">The restrictions to apply.</param>
    /// <param name="until">Until when; null for as long as possible. Telegram takes less than 30 seconds or more than
    /// 366 days from now as forever.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The chat is a user, or a small group's participant is not a user.</exception>
    /// <exception cref="RpcError">Telegram refused (CHAT_ADMIN_REQUIRED, USER_NOT_PARTICIPANT, USER_ADMIN_INVALID, ...).</exception>
    public async Task SetParticipantRestrictionsAsync(PeerLike chat, PeerLike participant, IEnumerable<ChatRestriction> restrictions,
        DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(restrictions);
        var applied = restrictions.ToHashSet();
        var reference = await GroupOrChannelAsync(chat, cancellationToken).ConfigureAwait(false);
        if (reference is ChannelRef channel)
        {
            var peer = await InputPeerAsync(participant, cancellationToken).ConfigureAwait(false);
            await InvokeAsync(new Fn.Channels.EditBanned
            {
                Channel = channel.ToInputChannel(),
                Participant = peer,
                BannedRights = RightsConversion.ToTl(applied, until),
            }, cancellationToken).ConfigureAwait(false);
            return;
        }
        var user = await InputUserAsync(participant, cancellationToken).ConfigureAwait(false);
        if (applied.Count == 0)
            return;
        await InvokeAsync(new Fn.Messages.DeleteChatUser
        {
            ChatId = reference.Identifier,
            UserId = user,
            RevokeHistory = applied.Contains(ChatRestriction.ViewMessages),
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the restrictions every participant of a group or channel has by default, administrators excepted
    /// (messages.editChatDefaultBannedRights). Telegram answers CHAT_NOT_MODIFIED when they are the same as before.
    /// </summary>
    /// <param name="chat">The group or channel.</param>
    /// <param name="restrictions">The restrictions to apply; none lifts them all.</param>
    /// <param name="until">Until when; null for as long as possible.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The chat is a user.</exception>
    /// <exception cref="RpcError">Telegram refused (CHAT_ADMIN_REQUIRED, CHAT_NOT_MODIFIED, ...).</exception>
    public async Task SetChatDefaultRestrictionsAsync(PeerLike chat, IEnumerable<ChatRestriction> restrictions, DateTimeOffset? until = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(restrictions);
        var rights = RightsConversion.ToTl(restrictions, until);
        var reference = await GroupOrChannelAsync(chat, cancellationToken).ConfigureAwait(false);
        await InvokeAsync(new Fn.Messages.EditChatDefaultBannedRights { Peer = reference.ToInputPeer(), BannedRights = rights }, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The recent actions of a supergroup's or channel's administrators' log (channels.getAdminLog), newest first, a
    /// page at a time. Only administrators may see it. Small groups keep no such log: their list is empty.
    /// </summary>
    /// <param name="chat">The group or channel.</param>
    /// <param name="limit">The most actions to fetch; null for all.</param>
    /// <exception cref="ArgumentException">The chat is a user (on enumeration).</exception>
    /// <exception cref="RpcError">Telegram refused (CHAT_ADMIN_REQUIRED, ...), on enumeration.</exception>
    public AsyncList<RecentAction> GetAdminLogAsync(PeerLike chat, int? limit = null) => GetAdminLogAsync(chat, limit, AdminLogPageSize);

    /// <summary>The admin log, asking for at most <paramref name="pageSize"/> actions at a time.</summary>
    internal AsyncList<RecentAction> GetAdminLogAsync(PeerLike chat, int? limit, int pageSize)
    {
        if (chat.IsEmpty)
            throw new ArgumentException("No chat was given.", nameof(chat));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new AsyncList<RecentAction>((cursor, ct) => FetchAdminLogAsync(chat, cursor, Math.Min(pageSize, AdminLogPageSize), ct), limit);
    }

    private async Task<AsyncListPage<RecentAction>> FetchAdminLogAsync(PeerLike chat, AsyncListCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        var state = cursor.State as AdminLogOffset;
        var reference = state?.Chat ?? await GroupOrChannelAsync(chat, cancellationToken).ConfigureAwait(false);
        if (reference is not ChannelRef channel)
            return new AsyncListPage<RecentAction>([], null, 0);
        var size = cursor.PageSize(pageSize);
        var result = await InvokeAsync(new Fn.Channels.GetAdminLog
        {
            Channel = channel.ToInputChannel(),
            Q = "",
            MaxId = state?.MaxId ?? 0,
            MinId = 0,
            Limit = size,
        }, cancellationToken).ConfigureAwait(false);
        if (result is not TlTypes.Channels.AdminLogResults log)
            throw new InvalidOperationException($"unexpected answer to channels.getAdminLog: {result.TlName}");
        var peers = new ResultPeers(log.Users, log.Chats);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<RecentAction>(log.Events.Length);
        var lowest = long.MaxValue;
        foreach (var raw in log.Events)
        {
            if (raw is not TlTypes.ChannelAdminLogEvent e)
                continue;
            actions.Add(new RecentAction(e, peers, context));
            lowest = Math.Min(lowest, e.Id);
        }
        // Events come newest first; the next page is those below the lowest id seen (max_id is exclusive).
        var seenCount = (state?.Count ?? 0) + actions.Count;
        var last = actions.Count < size;
        return new AsyncListPage<RecentAction>(actions, last ? null : new AdminLogOffset(channel, lowest, seenCount), last ? seenCount : null);
    }

    /// <summary>Where the next page of an admin log starts.</summary>
    private sealed record AdminLogOffset(PeerRef Chat, long MaxId, int Count);

    /// <summary>The reference of a group or channel parameter.</summary>
    /// <exception cref="ArgumentException">It names a user.</exception>
    private async Task<PeerRef> GroupOrChannelAsync(PeerLike chat, CancellationToken cancellationToken) =>
        await RefOfAsync(chat, cancellationToken).ConfigureAwait(false) is { } reference and not UserRef
            ? reference
            : throw new ArgumentException($"{chat} is a user, not a group or channel.", nameof(chat));
}
