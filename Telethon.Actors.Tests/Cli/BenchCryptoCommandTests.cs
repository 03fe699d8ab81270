using System.Text.Json;
using Telethon.Cli;

namespace Telethon.Tests.Cli;

/// <summary><c>bench crypto</c> prints its one JSON line (run very briefly here: the figures themselves are not tested).</summary>
public sealed class BenchCryptoCommandTests
{
    [Fact]
    public async Task PrintsOneJsonLineWithEveryFigure()
    {
        var output = new StringWriter();
        var code = await CliApp.Default().RunAsync(["bench", "crypto", "--seconds", "0.05"], new CliConsole(new StringReader(""), output, new StringWriter()));
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        foreach (var key in new[] { "aes_ige_encrypt_mb_s", "aes_ige_decrypt_mb_s", "handshake_client_ms", "handshake_server_ms" })
            Assert.True(json.RootElement.GetProperty(key).GetDouble() > 0, key);
        Assert.Single(output.ToString().Trim().Split('\n'));
    }
}
