using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Telethon.Tl;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Admin and banned rights as their TL flag words (chatAdminRights and chatBannedRights are nothing but
/// flags, plus until_date), so rights compare as bit sets: "only rights they have themselves" is a subset test.
/// </summary>
internal static class ChatRights
{
    /// <summary>The longest admin title (rank) Telegram accepts.</summary>
    public const int RankLengthMax = 16;

    /// <summary>A restriction shorter than this is forever (Telegram's rule for until_date).</summary>
    public const int ShortestTimedSeconds = 30;

    /// <summary>A restriction longer than this is forever.</summary>
    public const int LongestTimedSeconds = 366 * 24 * 3600;

    /// <summary>view_messages: a ban with it is a kick.</summary>
    public const uint ViewMessages = 1u << 0;

    /// <summary>send_messages.</summary>
    public const uint SendMessages = 1u << 1;

    /// <summary>send_plain.</summary>
    public const uint SendPlain = 1u << 25;

    /// <summary>add_admins.</summary>
    public const uint AddAdmins = 1u << 9;

    /// <summary>ban_users.</summary>
    public const uint BanUsers = 1u << 4;

    /// <summary>The flags word of admin rights (0 for none).</summary>
    public static uint Flags(T.ChatAdminRights? rights) => rights is null ? 0 : FlagsWord(rights);

    /// <summary>The flags word of banned rights (0 for none).</summary>
    public static uint Flags(T.ChatBannedRights? rights) => rights is null ? 0 : FlagsWord(rights);

    /// <summary>Admin rights with exactly <paramref name="flags"/>.</summary>
    public static T.ChatAdminRights Admin(uint flags)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, ConstructorOf(new T.ChatAdminRights()));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], flags);
        var reader = new TlReader(bytes.ToArray());
        return (T.ChatAdminRights)Tl.Abcs.ChatAdminRights.ReadBoxed(ref reader);
    }

    /// <summary>Banned rights with exactly <paramref name="flags"/> until <paramref name="untilDate"/> (0: forever).</summary>
    public static T.ChatBannedRights Banned(uint flags, int untilDate)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, ConstructorOf(new T.ChatBannedRights()));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], flags);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], untilDate);
        var reader = new TlReader(bytes.ToArray());
        return (T.ChatBannedRights)Tl.Abcs.ChatBannedRights.ReadBoxed(ref reader);
    }

    /// <summary>The until_date Telegram keeps: 0 (forever) for less than 30 seconds or more than 366 days from <paramref name="now"/>.</summary>
    public static int NormalizeUntil(int untilDate, int now)
    {
        var seconds = (long)untilDate - now;
        return seconds < ShortestTimedSeconds || seconds > LongestTimedSeconds ? 0 : untilDate;
    }

    /// <summary>Whether a restriction is in force at <paramref name="now"/>: set, with some right taken, and not expired.</summary>
    public static bool IsActive(T.ChatBannedRights? rights, int now) =>
        rights is not null && Flags(rights) != 0 && (rights.UntilDate == 0 || rights.UntilDate > now);

    /// <summary>Whether two sets of banned rights are the same (flags and until_date).</summary>
    public static bool Same(T.ChatBannedRights? a, T.ChatBannedRights? b) =>
        Flags(a) == Flags(b) && (a?.UntilDate ?? 0) == (b?.UntilDate ?? 0);

    /// <summary>
    /// The admin title to keep (null for none): at most 16 characters and no emoji, else Telegram's
    /// ADMIN_RANK_INVALID or ADMIN_RANK_EMOJI_NOT_ALLOWED.
    /// </summary>
    public static string? CheckRank(string? rank)
    {
        if (string.IsNullOrEmpty(rank))
            return null;
        if (new StringInfo(rank).LengthInTextElements > RankLengthMax)
            throw WorldErrors.Bad("ADMIN_RANK_INVALID");
        foreach (var rune in rank.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol || rune.Value >= 0x1F000)
                throw WorldErrors.Bad("ADMIN_RANK_EMOJI_NOT_ALLOWED");
        }
        return rank;
    }

    private static uint FlagsWord(TlObject rights)
    {
        var bytes = rights.ToBytes();
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
    }

    private static uint ConstructorOf(TlObject empty) => BinaryPrimitives.ReadUInt32LittleEndian(empty.ToBytes());
}
