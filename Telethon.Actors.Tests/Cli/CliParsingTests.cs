using Telethon.Cli;
using Telethon.Samples.Fleet;
using Telethon.TestServer;
using Xunit;

namespace Telethon.Tests.Cli;

/// <summary>
/// How <c>telethon</c> and the test server program read their arguments (System.CommandLine): wrong or out-of-range values
/// exit 2 with the reason on standard error before anything runs, and <c>--help</c> lists a command's options.
/// </summary>
public sealed class CliParsingTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.Default().RunAsync(args, new CliConsole(new StringReader(""), output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new[] { "bench", "files", "--parts", "0" }, "--parts")]
    [InlineData(new[] { "bench", "files", "--parts", "65" }, "--parts")]
    [InlineData(new[] { "bench", "files", "--size-mb", "lots" }, "lots")]
    [InlineData(new[] { "bench", "files", "--size-mb", "0" }, "--size-mb")]
    [InlineData(new[] { "bench", "files", "--warmup-mb", "-1" }, "--warmup-mb")]
    [InlineData(new[] { "bench", "crypto", "--seconds", "-1" }, "--seconds")]
    [InlineData(new[] { "bench", "crypto", "--seconds", "NaN" }, "--seconds")]
    [InlineData(new[] { "bench", "crypto", "extra" }, "extra")]
    [InlineData(new[] { "tl", "decode" }, "hex")]
    [InlineData(new[] { "tl", "decode", "00", "11" }, "11")]
    [InlineData(new[] { "tl", "decode", "--layer", "x", "00" }, "x")]
    [InlineData(new[] { "tl", "nope" }, "nope")]
    [InlineData(new[] { "testserver", "--dcs", "9" }, "--dcs")]
    [InlineData(new[] { "testserver", "--port", "70000" }, "--port")]
    [InlineData(new[] { "testserver", "--bogus" }, "--bogus")]
    public async Task Wrong_arguments_exit_2_with_the_reason_and_run_nothing(string[] args, string named)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("bench files", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_lists_the_commands()
    {
        var (code, _, error) = await Run();
        Assert.Equal(2, code);
        foreach (var command in new[] { "tl stats", "tl decode", "tl encode", "bench crypto", "bench files", "testserver" })
            Assert.Contains(command, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "tl", "decode", "--help" }, new[] { "--layer", "--schema", "hex" })]
    [InlineData(new[] { "bench", "files", "--help" }, new[] { "--size-mb", "--parts", "--seconds", "--warmup-mb" })]
    [InlineData(new[] { "testserver", "--help" }, new[] { "--host", "--port", "--dcs", "--world", "--faults", "--log", "--key", "--schema" })]
    public async Task Help_lists_a_commands_options(string[] args, string[] options)
    {
        var (code, output, _) = await Run(args);
        Assert.Equal(0, code);
        foreach (var option in options)
            Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_keep_their_values_and_defaults()
    {
        // The layer option takes its value and leaves the hex to the argument: inputPeerSelf#7da07ec9 decodes.
        var (code, output, _) = await Run("tl", "decode", "--layer", Telethon.Tl.TlRegistry.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture), "c97ea07d");
        Assert.Equal(0, code);
        Assert.Contains("inputPeerSelf", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--dcs", "0" }, "--dcs")]
    [InlineData(new[] { "--host" }, "--host")]
    [InlineData(new[] { "stray" }, "stray")]
    public async Task The_test_server_program_refuses_wrong_arguments_with_2(string[] args, string named)
    {
        var error = new StringWriter();
        var code = await TestServerProgram.RunAsync(args, new StringReader(""), new StringWriter(), error, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_server_program_refuses_a_world_file_it_cannot_read_with_2()
    {
        var error = new StringWriter();
        var missing = Path.Combine(Path.GetTempPath(), $"telethon-no-such-world-{Guid.NewGuid():N}.conf");
        var code = await TestServerProgram.RunAsync(["--world", missing], new StringReader(""), new StringWriter(), error, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("testserver:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_crash_scenario_reads_its_options_and_keeps_the_defaults_of_the_rest()
    {
        var options = CrashTestOptions.Parse(["--crash-test", "--duration", "8", "--kill-after", "2.5", "--handler-ms", "10", "--json", "--postgres", "Host=x"])!;
        Assert.Equal(TimeSpan.FromSeconds(8), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.EffectiveKillAfter);
        Assert.Equal(10, options.HandlerMs);
        Assert.True(options.JsonOnly);
        Assert.Equal("postgresql", options.StoreName);
        Assert.Equal(new CrashTestOptions().Bots, options.Bots);
        Assert.Equal(new CrashTestOptions().Rate, options.Rate);
    }

    [Theory]
    [InlineData("--bots", "0")]
    [InlineData("--bots", "many")]
    [InlineData("--duration", "soon")]
    [InlineData("--duration", "1e300")]
    [InlineData("--kill-after", "30")]
    [InlineData("--rate", "-5")]
    [InlineData("--unknown", "1")]
    public void The_crash_scenario_refuses_wrong_options(string option, string value) =>
        Assert.Throws<ArgumentException>(() => CrashTestOptions.Parse(["--crash-test", option, value]));
}
