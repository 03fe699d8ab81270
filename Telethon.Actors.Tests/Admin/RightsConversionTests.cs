using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Telethon.Admin;
using Telethon.Model;
using Telethon.Tests.Support;

namespace Telethon.Tests.Admin;

/// <summary>
/// <see cref="AdminRight"/> and <see cref="ChatRestriction"/> against Telegram's <c>chatAdminRights</c> and
/// <c>chatBannedRights</c>: each member sets exactly the flag Telethon's documentation names for it (the bit read from the
/// TL schema, on the wire), and every set survives the trip through the TL form.
/// </summary>
public sealed partial class RightsConversionTests
{
    // The values Telethon v2's documentation gives each member: the TL flag it stands for.
    private static readonly Dictionary<AdminRight, string> AdminFlags = new()
    {
        [AdminRight.BanUsers] = "ban_users",
        [AdminRight.ChangeInfo] = "change_info",
        [AdminRight.DeleteMessages] = "delete_messages",
        [AdminRight.DeleteStories] = "delete_stories",
        [AdminRight.EditMessages] = "edit_messages",
        [AdminRight.EditStories] = "edit_stories",
        [AdminRight.InviteUsers] = "invite_users",
        [AdminRight.ManageAdmins] = "add_admins",
        [AdminRight.ManageCalls] = "manage_call",
        [AdminRight.ManageTopics] = "manage_topics",
        [AdminRight.Other] = "other",
        [AdminRight.PinMessages] = "pin_messages",
        [AdminRight.PostMessages] = "post_messages",
        [AdminRight.PostStories] = "post_stories",
        [AdminRight.RemainAnonymous] = "anonymous",
    };

    private static readonly Dictionary<ChatRestriction, string> BannedFlags = new()
    {
        [ChatRestriction.ChangeInfo] = "change_info",
        [ChatRestriction.EmbedLinks] = "embed_links",
        [ChatRestriction.InviteUsers] = "invite_users",
        [ChatRestriction.ManageTopics] = "manage_topics",
        [ChatRestriction.PinMessages] = "pin_messages",
        [ChatRestriction.SendAudios] = "send_audios",
        [ChatRestriction.SendDocuments] = "send_docs",
        [ChatRestriction.SendGames] = "send_games",
        [ChatRestriction.SendGifs] = "send_gifs",
        [ChatRestriction.SendInline] = "send_inline",
        [ChatRestriction.SendMedia] = "send_media",
        [ChatRestriction.SendMessages] = "send_messages",
        [ChatRestriction.SendPhotos] = "send_photos",
        [ChatRestriction.SendPlainMessages] = "send_plain",
        [ChatRestriction.SendPolls] = "send_polls",
        [ChatRestriction.SendRoundVideos] = "send_roundvideos",
        [ChatRestriction.SendStickers] = "send_stickers",
        [ChatRestriction.SendVideos] = "send_videos",
        // The documentation prints 'send.voices'; the flag is send_voices.
        [ChatRestriction.SendVoiceNotes] = "send_voices",
        [ChatRestriction.ViewMessages] = "view_messages",
    };

    [Fact]
    public void The_enums_have_exactly_the_documented_members()
    {
        Assert.Equal(AdminFlags.Keys.Order(), Enum.GetValues<AdminRight>().Order());
        Assert.Equal(BannedFlags.Keys.Order(), Enum.GetValues<ChatRestriction>().Order());
    }

    [SkippableFact]
    public void Each_admin_right_sets_its_own_flag_on_the_wire()
    {
        var bits = FlagBits("chatAdminRights");
        foreach (var (right, flag) in AdminFlags)
        {
            var bytes = RightsConversion.ToTl([right]).ToBytes();
            Assert.Equal(1u << bits[flag], BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        }
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(RightsConversion.ToTl([]).ToBytes().AsSpan(4)));
    }

    [SkippableFact]
    public void Each_restriction_sets_its_own_forbidden_flag_on_the_wire()
    {
        var bits = FlagBits("chatBannedRights");
        foreach (var (restriction, flag) in BannedFlags)
        {
            var bytes = RightsConversion.ToTl([restriction], null).ToBytes();
            Assert.Equal(1u << bits[flag], BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
            // until_date follows the flags: 0 is "forever".
            Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        }
        // No restriction at all is every flag clear (an unbanned participant).
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(RightsConversion.ToTl([], null).ToBytes().AsSpan(4)));
    }

    [Fact]
    public void Every_set_of_admin_rights_round_trips()
    {
        var all = Enum.GetValues<AdminRight>();
        for (var mask = 0; mask < 1 << all.Length; mask++)
        {
            var set = Subset(all, mask);
            Assert.Equal(set, RightsConversion.FromTl(RightsConversion.ToTl(set)));
        }
    }

    [Fact]
    public void Sets_of_restrictions_round_trip()
    {
        var all = Enum.GetValues<ChatRestriction>();
        var random = new Random(20261207);
        var masks = Enumerable.Range(0, 20_000).Select(_ => random.Next(1 << all.Length))
            .Concat(Enumerable.Range(0, all.Length).Select(i => 1 << i))
            .Append(0).Append((1 << all.Length) - 1);
        foreach (var mask in masks)
        {
            var set = Subset(all, mask);
            var until = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + mask);
            var tl = RightsConversion.ToTl(set, until);
            Assert.Equal(set, RightsConversion.FromTl(tl));
            Assert.Equal(until.ToUnixTimeSeconds(), tl.UntilDate);
        }
    }

    [Fact]
    public void Until_is_forever_when_absent_and_clamped_to_what_Telegram_holds()
    {
        Assert.Equal(0, RightsConversion.UntilDate(null));
        Assert.Equal(1_800_000_000, RightsConversion.UntilDate(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
        Assert.Equal(int.MaxValue, RightsConversion.UntilDate(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Values_outside_the_enums_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RightsConversion.ToTl([(AdminRight)99]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RightsConversion.ToTl([(ChatRestriction)99], null));
    }

    private static HashSet<T> Subset<T>(T[] all, int mask)
    {
        var set = new HashSet<T>();
        for (var i = 0; i < all.Length; i++)
        {
            if ((mask & (1 << i)) != 0)
                set.Add(all[i]);
        }
        return set;
    }

    /// <summary>The flag bit of each <c>name:flags.N?true</c> field of a constructor in the layer's schema.</summary>
    private static Dictionary<string, int> FlagBits(string constructor)
    {
        var line = System.IO.File.ReadLines(SharedData.PathOf("tl/api.tl")).Single(l => l.StartsWith(constructor + "#", StringComparison.Ordinal));
        return FlagField().Matches(line).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"(\w+):flags\.(\d+)\?true")]
    private static partial Regex FlagField();
}
