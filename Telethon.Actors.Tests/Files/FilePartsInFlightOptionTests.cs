using Xunit;

namespace Telethon.Tests.Files;

/// <summary><see cref="ClientOptions.FilePartsInFlight"/>: its default and its bounds.</summary>
public sealed class FilePartsInFlightOptionTests
{
    private static readonly ClientOptions Bare = new() { ApiId = 1, ApiHash = "hash" };

    [Fact]
    public void The_default_is_valid_and_out_of_range_values_are_refused_by_name()
    {
        Bare.Validate();
        Assert.InRange(Bare.FilePartsInFlight, 1, 64);
        (Bare with { FilePartsInFlight = 1 }).Validate();
        (Bare with { FilePartsInFlight = 64 }).Validate();
        foreach (var bad in new[] { 0, -1, 65 })
            Assert.Equal("FilePartsInFlight", Assert.Throws<ArgumentException>(() => (Bare with { FilePartsInFlight = bad }).Validate()).ParamName);
    }
}
