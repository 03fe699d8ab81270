using Telethon.Session;
using Telethon.Tl.Types;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxPtsTests
{
    [Fact]
    public void UpdateThatFollowsTheLocalPtsAppliesAndAdvances()
    {
        var box = Box(pts: 100);

        var first = box.Process(Short(NewMessage(1, 101)), At(0));
        var second = box.Process(Short(Delete(2, 104, 3)), At(10));

        Assert.Equal([1L], Ids(first));
        Assert.Equal([2L], Ids(second));
        Assert.Empty(first.Actions);
        Assert.Equal(104, box.GetState().Pts);
    }

    [Fact]
    public void UpdateAtOrBehindTheLocalPtsIsADuplicate()
    {
        var box = Box(pts: 100);
        box.Process(Short(Delete(1, 103, 3)), At(0));

        Assert.True(box.Process(Short(Delete(1, 103, 3)), At(1)).IsEmpty);
        Assert.True(box.Process(Short(NewMessage(2, 102)), At(2)).IsEmpty);
        // Overlapping: 103 + 2 > 104, part of it is applied already.
        Assert.True(box.Process(Short(Delete(3, 104, 2)), At(3)).IsEmpty);
        Assert.Equal(103, box.GetState().Pts);
        Assert.Null(PossibleGapDeadline(box));
    }

    [Fact]
    public void UpdateAheadIsHeldUntilTheGapIsFilledThenBothComeInOrder()
    {
        var box = Box(pts: 100);

        var ahead = box.Process(Short(NewMessage(3, 103)), At(0));
        Assert.True(ahead.IsEmpty);
        Assert.Equal(At(500), box.NextDeadline);

        var ahead2 = box.Process(Short(NewMessage(2, 102)), At(100));
        Assert.True(ahead2.IsEmpty);
        Assert.Equal(At(500), box.NextDeadline);

        var filler = box.Process(Short(NewMessage(1, 101)), At(200));
        Assert.Equal([1L, 2L, 3L], Ids(filler));
        Assert.Empty(filler.Actions);
        Assert.Null(PossibleGapDeadline(box));
        Assert.Equal(103, box.GetState().Pts);
    }

    [Fact]
    public void GapNotFilledByTheDeadlineAsksForTheDifference()
    {
        var box = Box(pts: 100, qts: 10, date: 1000);
        box.Process(Short(NewMessage(3, 103)), At(0));

        Assert.True(box.CheckDeadlines(At(499)).IsEmpty);
        var due = box.CheckDeadlines(At(500));

        var request = Single<GetDifferenceNeeded>(due).Request;
        Assert.Equal((100, 10, 1000), (request.Pts, request.Qts, request.Date));
        Assert.Null(request.PtsTotalLimit);
        Assert.True(box.IsGettingDifference);
        Assert.Null(box.NextDeadline);
    }

    [Fact]
    public void PossibleGapTimeoutAndPtsTotalLimitAreConfigurable()
    {
        var options = new MessageBoxOptions { PossibleGapTimeout = TimeSpan.FromSeconds(2), DifferencePtsTotalLimit = 5000 };
        var box = Box(pts: 100, options: options);
        box.Process(Short(NewMessage(3, 103)), At(0));

        Assert.Equal(At(2000), box.NextDeadline);
        Assert.True(box.CheckDeadlines(At(1999)).IsEmpty);
        Assert.Equal(5000, Single<GetDifferenceNeeded>(box.CheckDeadlines(At(2000))).Request.PtsTotalLimit);
    }

    [Fact]
    public void DeadlineStaysWhereTheFirstHeldUpdateSetItWhilePartOfTheGapIsFilled()
    {
        var box = Box(pts: 100);
        box.Process(Short(NewMessage(2, 102)), At(0));
        box.Process(Short(NewMessage(4, 104)), At(300));

        Assert.Equal([1L, 2L], Ids(box.Process(Short(NewMessage(1, 101)), At(400))));
        Assert.Equal(At(500), box.NextDeadline);
        Assert.IsType<GetDifferenceNeeded>(Assert.Single(box.CheckDeadlines(At(500)).Actions));
    }

    [Fact]
    public void QtsAppliesOneAtATimeHoldsAheadAndDropsDuplicates()
    {
        var box = Box(qts: 10);

        Assert.Equal([7L], Ids(box.Process(Short(BotStopped(7, 11)), At(0))));
        Assert.True(box.Process(Short(BotStopped(7, 11)), At(1)).IsEmpty);
        Assert.True(box.Process(Short(BotStopped(9, 13)), At(2)).IsEmpty);
        Assert.Equal([8L, 9L], Ids(box.Process(Short(BotStopped(8, 12)), At(3))));
        Assert.Equal(13, box.GetState().Qts);
        Assert.Equal(100, box.GetState().Pts);
    }

    [Fact]
    public void QtsGapAsksForTheDifferenceWithTheLocalQts()
    {
        var box = Box(pts: 100, qts: 10);
        box.Process(Short(new UpdateNewEncryptedMessage { Message = new EncryptedMessageService { Bytes = [1] }, Qts = 12 }), At(0));

        var request = Single<GetDifferenceNeeded>(box.CheckDeadlines(At(500))).Request;

        Assert.Equal((100, 10), (request.Pts, request.Qts));
    }

    [Fact]
    public void UpdatesWithoutPtsPassStraightThroughEvenDuringADifference()
    {
        var box = Box();
        Assert.Equal([5L], Ids(box.Process(Short(Status(5)), At(0))));

        box.Process(new UpdatesTooLong(), At(1));
        Assert.True(box.IsGettingDifference);

        Assert.Equal([6L], Ids(box.Process(Short(Status(6)), At(2))));
        Assert.Equal([7L], Ids(box.Process(Container(0, Status(7), NewMessage(1, 101)), At(3))));
    }

    [Fact]
    public void ShortMessageBecomesUpdateNewMessageWithTheSenderAndThePrivateChat()
    {
        var box = Box(pts: 100, options: new MessageBoxOptions { SelfUserId = 42 });

        var incoming = box.Process(new UpdateShortMessage { Id = 1, UserId = 7, Message = "hi", Pts = 101, PtsCount = 1, Date = 50, Silent = true }, At(0));
        var outgoing = box.Process(new UpdateShortMessage { Id = 2, UserId = 7, Message = "yo", Pts = 102, PtsCount = 1, Date = 51, Out = true }, At(1));

        var inUpdate = Assert.IsType<UpdateNewMessage>(Assert.Single(incoming.Updates));
        var inMessage = Assert.IsType<Message>(inUpdate.Message);
        Assert.Equal((1, "hi", 50, true), (inMessage.Id, inMessage.MessageValue, inMessage.Date, inMessage.Silent));
        Assert.Equal(7, Assert.IsType<PeerUser>(inMessage.PeerId).UserId);
        Assert.Equal(7, Assert.IsType<PeerUser>(inMessage.FromId).UserId);
        Assert.Equal((101, 1), (inUpdate.Pts, inUpdate.PtsCount));

        var outMessage = Assert.IsType<Message>(Assert.IsType<UpdateNewMessage>(Assert.Single(outgoing.Updates)).Message);
        Assert.True(outMessage.Out);
        Assert.Equal(42, Assert.IsType<PeerUser>(outMessage.FromId).UserId);
        Assert.Equal(7, Assert.IsType<PeerUser>(outMessage.PeerId).UserId);
    }

    [Fact]
    public void OutgoingShortMessageWithoutSelfUserIdHasNoSender()
    {
        var box = Box(pts: 100);

        var result = box.Process(new UpdateShortMessage { Id = 2, UserId = 7, Message = "yo", Pts = 101, PtsCount = 1, Out = true }, At(0));

        Assert.Null(Assert.IsType<Message>(Assert.IsType<UpdateNewMessage>(Assert.Single(result.Updates)).Message).FromId);
    }

    [Fact]
    public void ShortChatMessageBecomesUpdateNewMessageInTheBasicGroupAndIsOrdered()
    {
        var box = Box(pts: 100);
        Assert.True(box.Process(new UpdateShortChatMessage { Id = 2, FromId = 7, ChatId = 9, Message = "b", Pts = 102, PtsCount = 1 }, At(0)).IsEmpty);

        var result = box.Process(new UpdateShortChatMessage { Id = 1, FromId = 8, ChatId = 9, Message = "a", Pts = 101, PtsCount = 1 }, At(1));

        Assert.Equal([1L, 2L], Ids(result));
        var first = Assert.IsType<Message>(((UpdateNewMessage)result.Updates[0]).Message);
        Assert.Equal(9, Assert.IsType<PeerChat>(first.PeerId).ChatId);
        Assert.Equal(8, Assert.IsType<PeerUser>(first.FromId).UserId);
    }

    [Fact]
    public void ShortSentMessageAdvancesPtsAndHandsOutNothing()
    {
        var box = Box(pts: 100);
        Assert.True(box.Process(Short(NewMessage(2, 102)), At(0)).IsEmpty);

        var sent = box.Process(new UpdateShortSentMessage { Id = 1, Pts = 101, PtsCount = 1, Out = true }, At(1));

        Assert.Equal([2L], Ids(sent));
        Assert.Equal(102, box.GetState().Pts);
        Assert.True(box.Process(new UpdateShortSentMessage { Id = 1, Pts = 101, PtsCount = 1, Out = true }, At(2)).IsEmpty);
    }

    [Fact]
    public void UpdatesTooLongAsksForTheDifferenceOnce()
    {
        var box = Box(pts: 100, qts: 10, date: 1000);

        var request = Single<GetDifferenceNeeded>(box.Process(new UpdatesTooLong(), At(0))).Request;

        Assert.Equal((100, 10, 1000), (request.Pts, request.Qts, request.Date));
        Assert.True(box.Process(new UpdatesTooLong(), At(1)).IsEmpty);
    }

    [Fact]
    public void LongSilenceAsksForTheDifferenceAndAnyUpdateMovesTheDeadline()
    {
        var box = Box();
        Assert.Equal(T0.AddMinutes(15), box.NextDeadline);

        box.Process(Short(Status(1)), T0.AddMinutes(10));
        Assert.Equal(T0.AddMinutes(25), box.NextDeadline);
        Assert.True(box.CheckDeadlines(T0.AddMinutes(24)).IsEmpty);

        Assert.IsType<GetDifferenceNeeded>(Assert.Single(box.CheckDeadlines(T0.AddMinutes(25)).Actions));
    }

    [Fact]
    public void NoUpdatesTimeoutIsConfigurable()
    {
        var box = Box(options: new MessageBoxOptions { NoUpdatesTimeout = TimeSpan.FromMinutes(2) });

        Assert.True(box.CheckDeadlines(T0.AddSeconds(119)).IsEmpty);
        Assert.IsType<GetDifferenceNeeded>(Assert.Single(box.CheckDeadlines(T0.AddMinutes(2)).Actions));
    }

    [Fact]
    public void EntitiesComeOutEvenWhenTheirUpdatesAreHeldOrDuplicates()
    {
        var box = Box(pts: 100, seq: 5);
        var user = new UserEmpty { Id = 77 };
        var chat = new ChatEmpty { Id = 88 };
        var held = new UpdatesConstructor { Updates = [NewMessage(2, 102)], Users = [user], Chats = [chat], Date = 1, Seq = 0 };
        var ahead = new UpdatesCombined { Updates = [], Users = [user], Chats = [], Date = 1, SeqStart = 9, Seq = 10 };

        var first = box.Process(held, At(0));
        var second = box.Process(ahead, At(1));

        Assert.Empty(first.Updates);
        Assert.Same(user, Assert.Single(first.Users));
        Assert.Same(chat, Assert.Single(first.Chats));
        Assert.Same(user, Assert.Single(second.Users));
    }

    private static DateTimeOffset? PossibleGapDeadline(MessageBox box) =>
        box.NextDeadline is { } deadline && deadline < T0.AddMinutes(1) ? deadline : null;
}
