using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Telethon.Tests.EndToEnd;

/// <summary>The client's logger and RunUntilDisconnectedAsync, against the test server.</summary>
public sealed class ClientLifecycleEndToEndTests
{
    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }

    [Fact]
    public async Task TheLoggerHearsTheConnectionAndSignInAndRunUntilDisconnectedEndsOnDisconnect()
    {
        await using var server = await EndToEndServer.StartAsync();
        var logger = new ListLogger();
        var bot = server.Runtime().GetClient("bot", server.Options() with { Logger = logger });
        await bot.ConnectAsync();
        var running = bot.RunUntilDisconnectedAsync();
        await bot.BotSignInAsync("7000001:AAtestsecret");

        Assert.Contains(logger.Lines, l => l.StartsWith("Information: Connected to DC 2", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("Signed in as bot", StringComparison.Ordinal) && l.Contains("@echo_bot", StringComparison.Ordinal));
        Assert.False(running.IsCompleted);

        await bot.DisconnectAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(bot.Connected);

        // Connected again, it waits for the next disconnection; cancelling the wait leaves the client running.
        await bot.ConnectAsync();
        using var cts = new CancellationTokenSource();
        var again = bot.RunUntilDisconnectedAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => again);
        Assert.True(bot.Connected);
        await bot.DisconnectAsync();
    }
}
