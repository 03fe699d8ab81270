using Telethon.Session;
using Telethon.Tl.Types;
using MessageBase = Telethon.Tl.Abcs.Message;
using Update = Telethon.Tl.Abcs.Update;
using UpdatesBase = Telethon.Tl.Abcs.UpdatesBase;
using User = Telethon.Tl.Abcs.User;
using Chat = Telethon.Tl.Abcs.Chat;

namespace Telethon.Tests.Session;

/// <summary>Builders of updates whose identity is one number (a message id, a user id), and the reverse.</summary>
internal static class Mb
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double ms) => T0.AddMilliseconds(ms);

    public static MessageBox Box(int pts = 100, int qts = 10, int seq = 5, int date = 1000,
        IReadOnlyDictionary<long, int>? channels = null, MessageBoxOptions? options = null) =>
        new(new MessageBoxState(pts, qts, date, seq, channels), T0, options);

    public static MessageEmpty Message(int id, long? channelId = null) =>
        new() { Id = id, PeerId = channelId is { } c ? new PeerChannel { ChannelId = c } : null };

    public static UpdateNewMessage NewMessage(int id, int pts, int count = 1) =>
        new() { Message = Message(id), Pts = pts, PtsCount = count };

    public static UpdateDeleteMessages Delete(int id, int pts, int count) =>
        new() { Messages = [.. Enumerable.Range(id, count)], Pts = pts, PtsCount = count };

    public static UpdateNewChannelMessage ChannelMessage(long channelId, int id, int pts, int count = 1) =>
        new() { Message = Message(id, channelId), Pts = pts, PtsCount = count };

    public static UpdateDeleteChannelMessages ChannelDelete(long channelId, int id, int pts, int count) =>
        new() { ChannelId = channelId, Messages = [.. Enumerable.Range(id, count)], Pts = pts, PtsCount = count };

    public static UpdateBotStopped BotStopped(long userId, int qts) => new() { UserId = userId, Qts = qts, Date = 1 };

    public static UpdateUserStatus Status(long userId) => new() { UserId = userId, Status = new UserStatusOnline { Expires = 1 } };

    public static UpdateShort Short(Update update, int date = 1) => new() { Update = update, Date = date };

    public static UpdatesConstructor Container(int seq, params Update[] updates) =>
        new() { Updates = updates, Users = [], Chats = [], Date = 2000 + seq, Seq = seq };

    public static UpdatesCombined Combined(int seqStart, int seq, params Update[] updates) =>
        new() { Updates = updates, Users = [], Chats = [], Date = 2000 + seq, SeqStart = seqStart, Seq = seq };

    public static global::Telethon.Tl.Types.Updates.State State(int pts, int qts, int date, int seq) =>
        new() { Pts = pts, Qts = qts, Date = date, Seq = seq };

    public static global::Telethon.Tl.Types.Updates.Difference Difference(global::Telethon.Tl.Types.Updates.State state, MessageBase[]? messages = null,
        Update[]? others = null, User[]? users = null, Chat[]? chats = null) => new()
    {
        NewMessages = messages ?? [],
        NewEncryptedMessages = [],
        OtherUpdates = others ?? [],
        Users = users ?? [],
        Chats = chats ?? [],
        State = state,
    };

    public static global::Telethon.Tl.Types.Updates.DifferenceSlice Slice(global::Telethon.Tl.Types.Updates.State state, MessageBase[]? messages = null,
        Update[]? others = null) => new()
    {
        NewMessages = messages ?? [],
        NewEncryptedMessages = [],
        OtherUpdates = others ?? [],
        Users = [],
        Chats = [],
        IntermediateState = state,
    };

    public static global::Telethon.Tl.Types.Updates.ChannelDifference ChannelDifference(int pts, bool final, MessageBase[]? messages = null,
        Update[]? others = null, int? timeout = null) => new()
    {
        Final = final,
        Pts = pts,
        Timeout = timeout,
        NewMessages = messages ?? [],
        OtherUpdates = others ?? [],
        Users = [],
        Chats = [],
    };

    /// <summary>The identity of an update built here: a message id, the first deleted id, a user id.</summary>
    public static long IdOf(Update update) => update switch
    {
        UpdateNewMessage u => MessageId(u.Message),
        UpdateNewChannelMessage u => MessageId(u.Message),
        UpdateDeleteMessages u => u.Messages[0],
        UpdateDeleteChannelMessages u => u.Messages[0],
        UpdateBotStopped u => u.UserId,
        UpdateUserStatus u => u.UserId,
        _ => throw new InvalidOperationException($"Unexpected update {update.TlName}."),
    };

    private static long MessageId(MessageBase message) => message switch
    {
        MessageEmpty e => e.Id,
        global::Telethon.Tl.Types.Message m => m.Id,
        _ => throw new InvalidOperationException($"Unexpected message {message.TlName}."),
    };

    public static long[] Ids(MessageBoxResult result) => [.. result.Updates.Select(IdOf)];

    public static T Single<T>(MessageBoxResult result) where T : MessageBoxAction =>
        Assert.IsType<T>(Assert.Single(result.Actions));
}
