using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>messages.createChat: a small group; every member gets its own copy of the messageActionChatCreate.</summary>
    public Tl.Abcs.Messages.InvitedUsers CreateChat(Caller caller, FM.CreateChat request)
    {
        using (_gate.Enter())
        {
            var creatorId = BoxOf(caller.UserId).OwnerId;
            var members = new List<long>();
            foreach (var input in request.Users ?? [])
            {
                var user = _world.Peers.ResolveUser(creatorId, input);
                if (user != creatorId && !members.Contains(user))
                    members.Add(user);
            }
            var (_, answer) = CreateChatCore(creatorId, members, request.Title, caller.Session);
            return new T.Messages.InvitedUsers { Updates = answer, MissingInvitees = [] };
        }
    }

    /// <summary>Creates a small group (seeds and tests); returns its id.</summary>
    public long CreateChat(long creatorId, string title, IEnumerable<long> memberIds)
    {
        using (_gate.Enter())
        {
            if (!_boxes.ContainsKey(creatorId))
                throw new ArgumentException($"No user {creatorId}.", nameof(creatorId));
            var members = memberIds.Where(id => id != creatorId).Distinct()
                .Select(id => _boxes.ContainsKey(id) ? id : throw new ArgumentException($"No user {id}.", nameof(memberIds))).ToList();
            return CreateChatCore(creatorId, members, title, null).Id;
        }
    }

    private (long Id, UpdatesBase Answer) CreateChatCore(long creatorId, List<long> memberIds, string title, SessionKey? exclude)
    {
        var date = Now;
        var group = _world.Chats.CreateGroup(creatorId, memberIds, title, date);
        var dialog = new PeerKey(PeerKind.Chat, group.Id);
        var action = new T.MessageActionChatCreate { Title = group.Title, Users = [.. group.Members.Order()] };
        var key = NewKey();
        PeerKey[] refs = [dialog, .. group.Members.Select(id => new PeerKey(PeerKind.User, id))];
        var order = ChatsService.InOrder(group.Members, creatorId);
        var views = _world.Peers.Views(order, refs);
        var bots = order.Where(id => BoxOf(id).OwnerIsBot).ToHashSet();
        UpdatesBase? answer = null;
        using (Updates.Hold())
        {
            foreach (var memberId in order)
            {
                var isCreator = memberId == creatorId;
                var copy = Store(BoxOf(memberId), key, dialog, creatorId, isCreator, date, "", null, action, null);
                var stream = Updates.Stream(memberId);
                var newMessage = LogNewMessage(stream, copy, refs);
                var pts = newMessage.Pts;
                var updates = new List<Update>();
                if (isCreator)
                    updates.Add(new T.UpdateChatParticipants { Participants = group.Participants });
                updates.Add(newMessage);
                if (bots.Contains(memberId))
                    updates.Add(BotJoinedChat(stream, group.Id, creatorId, date, refs));
                var container = stream.Container([.. updates], refs, views[memberId]);
                stream.Push(container, isCreator ? exclude : null, null, pts, pts);
                if (isCreator)
                    answer = container;
            }
        }
        return (group.Id, answer!);
    }

    /// <summary>updateChatParticipant (a qts update) for a bot added to a small group; needs the updates lock.</summary>
    private static T.UpdateChatParticipant BotJoinedChat(AccountStream bot, long chatId, long actorId, int date, PeerKey[] refs)
    {
        var qts = bot.NextQts();
        var update = new T.UpdateChatParticipant
        {
            ChatId = chatId,
            Date = date,
            ActorId = actorId,
            UserId = bot.Id,
            NewParticipant = new T.ChatParticipant { UserId = bot.Id, InviterId = actorId, Date = date },
            Qts = qts,
        };
        bot.LogQts(update, refs);
        bot.Truth("updateChatParticipant", 0, 0, null, null, qts);
        return update;
    }

    /// <summary>
    /// messages.deleteChatUser: a member leaves a small group (user_id = self) or is removed by the
    /// creator, an administrator or its inviter. Every member and the removed user get their own copy of
    /// the messageActionChatDeleteUser (updateNewMessage, each its own pts); a removed bot also gets
    /// updateChatParticipant (qts). With revoke_history the removed user's copy of the group's history
    /// goes (updateDeleteMessages).
    /// </summary>
    /// <exception cref="RpcError">USER_ID_INVALID, CHAT_ID_INVALID, USER_NOT_PARTICIPANT or CHAT_ADMIN_REQUIRED.</exception>
    public UpdatesBase DeleteChatUser(Caller caller, FM.DeleteChatUser request)
    {
        using (_gate.Enter())
        {
            var actorId = BoxOf(caller.UserId).OwnerId;
            var userId = _world.Peers.ResolveUser(actorId, request.UserId);
            var removed = _world.Chats.RemoveGroupMember(request.ChatId, actorId, userId);
            var date = Now;
            var dialog = new PeerKey(PeerKind.Chat, request.ChatId);
            var action = new T.MessageActionChatDeleteUser { UserId = userId };
            var key = NewKey();
            PeerKey[] refs = [dialog, new PeerKey(PeerKind.User, actorId), new PeerKey(PeerKind.User, userId)];
            var order = ChatsService.InOrder(removed.Remaining.Append(userId).Distinct(), actorId);
            var views = _world.Peers.Views(order, refs);
            var removedIsBot = BoxOf(userId).OwnerIsBot;
            UpdatesBase? answer = null;
            using (Updates.Hold())
            {
                foreach (var memberId in order)
                {
                    var isActor = memberId == actorId;
                    var copy = Store(BoxOf(memberId), key, dialog, actorId, isActor, date, "", null, action, null);
                    var stream = Updates.Stream(memberId);
                    var newMessage = LogNewMessage(stream, copy, refs);
                    var pts = newMessage.Pts;
                    var updates = new List<Update> { newMessage };
                    if (memberId == userId && removedIsBot)
                        updates.Add(BotLeftChat(stream, request.ChatId, actorId, date, removed.Member, refs));
                    var container = stream.Container([.. updates], refs, views[memberId]);
                    stream.Push(container, isActor ? caller.Session : null, null, pts, pts);
                    if (isActor)
                        answer = container;
                }
            }
            if (request.RevokeHistory && BoxOf(userId).Dialogs.TryGetValue(dialog, out var history) && history.MessageIds.Count > 0)
            {
                var box = BoxOf(userId);
                var doomed = new Dictionary<long, List<BoxMessage>> { [userId] = [.. history.MessageIds.Reverse().Select(id => box.Messages[id])] };
                DeleteCopies(null, userId, doomed);
            }
            return answer!;
        }
    }

    /// <summary>updateChatParticipant (a qts update) for a bot removed from a small group; needs the updates lock.</summary>
    private static T.UpdateChatParticipant BotLeftChat(AccountStream bot, long chatId, long actorId, int date, MemberInfo before, PeerKey[] refs)
    {
        var qts = bot.NextQts();
        var update = new T.UpdateChatParticipant
        {
            ChatId = chatId,
            Date = date,
            ActorId = actorId,
            UserId = bot.Id,
            PrevParticipant = new T.ChatParticipant { UserId = bot.Id, InviterId = before.InviterId, Date = before.Date },
            Qts = qts,
        };
        bot.LogQts(update, refs);
        bot.Truth("updateChatParticipant", 0, 0, null, null, qts);
        return update;
    }
}
