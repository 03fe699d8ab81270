using Telethon.Tl;
using Abcs = Telethon.Tl.Abcs;
using Types = Telethon.Tl.Types;

namespace Telethon.Benchmarks.Tl;

/// <summary>
/// The reference payload: a messages.messages with 100 text messages (each with a sender, a peer
/// and two entities) and 100 users — 601 TL objects.
/// </summary>
public static class MessagesPayload
{
    /// <summary>TL objects in the payload (the root, 100 × (message, 2 peers, 2 entities), 100 users).</summary>
    public const int ObjectCount = 1 + 100 * 5 + 100;

    /// <summary>Builds the payload.</summary>
    public static Types.Messages.Messages Build()
    {
        var messages = new Abcs.Message[100];
        var users = new Abcs.User[100];
        for (var i = 0; i < 100; i++)
        {
            var userId = 1_000_000L + i;
            messages[i] = new Types.Message
            {
                Id = 5000 + i,
                Out = i % 2 == 0,
                FromId = new Types.PeerUser { UserId = userId },
                PeerId = new Types.PeerUser { UserId = 777 },
                Date = 1_700_000_000 + i,
                MessageValue = $"Hello number {i}, see https://example.org/{i} for **details** of the plan",
                Entities =
                [
                    new Types.MessageEntityUrl { Offset = 20, Length = 24 },
                    new Types.MessageEntityBold { Offset = 50, Length = 7 },
                ],
            };
            users[i] = new Types.User
            {
                Id = userId,
                AccessHash = 0x1234_5678_9abc_def0L ^ i,
                FirstName = $"User{i}",
                LastName = "Tester",
                Username = $"user_{i}",
                Phone = $"9996620{i:000}",
                Contact = i % 3 == 0,
            };
        }
        return new Types.Messages.Messages { MessagesValue = messages, Topics = [], Chats = [], Users = users };
    }

    /// <summary>The payload's boxed bytes.</summary>
    public static byte[] Bytes() => Build().ToBytes();

    /// <summary>Reads the payload back.</summary>
    public static Abcs.Messages.Messages Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new TlReader(bytes);
        return Abcs.Messages.Messages.ReadBoxed(ref reader);
    }
}
