namespace Telethon.Tests.Errors;

/// <summary>RPC errors split their number off and match the documented errors by name.</summary>
public sealed class RpcErrorTests
{
    [Theory]
    [InlineData("FLOOD_WAIT_30", "FLOOD_WAIT", 30)]
    [InlineData("PHONE_MIGRATE_2", "PHONE_MIGRATE", 2)]
    [InlineData("SLOWMODE_WAIT_5", "SLOWMODE_WAIT", 5)]
    [InlineData("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN", "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_MIN", 5)]
    [InlineData("2FA_CONFIRM_WAIT_3600", "2FA_CONFIRM_WAIT", 3600)]
    [InlineData("PEER_ID_INVALID", "PEER_ID_INVALID", null)]
    [InlineData("FILE_PART_3_MISSING", "FILE_PART_MISSING", 3)]
    public void SplitsTheValue(string message, string name, int? value)
    {
        var e = new RpcError(400, message, "messages.sendMessage");
        Assert.Equal(name, e.Name);
        Assert.Equal(value, e.Value);
        Assert.Equal(message, e.RawMessage);
        Assert.Equal("messages.sendMessage", e.CausedBy);
    }

    [Fact]
    public void MatchesDocumentedErrorsByNameOrPattern()
    {
        var e = new RpcError(420, "FLOOD_WAIT_12");
        Assert.True(e.Is(RpcErrors.FloodWait));
        Assert.True(e.Is("FLOOD_WAIT"));
        Assert.True(e.Is("FLOOD_WAIT_X"));
        Assert.True(e.Is("FLOOD_WAIT_%d"));
        Assert.False(e.Is(RpcErrors.PeerIdInvalid));
        Assert.Equal(420, RpcErrors.FloodWait.Code);
        Assert.True(RpcErrors.FloodWait.HasValue);
        Assert.Equal("FLOOD_WAIT", RpcErrors.FloodWait.Name);
        Assert.False(string.IsNullOrEmpty(RpcErrors.PeerIdInvalid.Description));
        Assert.True(RpcErrors.All.Count > 500);
        Assert.Equal(RpcErrors.All.Count, RpcErrors.All.Select(x => x.Pattern).Distinct().Count());
    }
}
