using System.Diagnostics;
using System.Globalization;

namespace Telethon.Samples.Fleet;

/// <summary>One run of the crash child: its process, the readers of its output, and the ways to end it.</summary>
internal sealed class CrashChildProcess : IDisposable
{
    private const int MaxStderrLines = 200;

    private readonly Process _process;
    private readonly TaskCompletionSource<(int Bots, int Resumed)> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task _stderr;
    private bool _finished;

    private CrashChildProcess(Process process, int number, Action<long, int> handled, Action<string> log)
    {
        _process = process;
        Number = number;
        _stdout = Task.Run(() => ReadStdoutAsync(handled));
        _stderr = Task.Run(() => ReadStderrAsync(log));
    }

    /// <summary>1 for the first run, 2 for the one after the kill.</summary>
    public int Number { get; }

    /// <summary>Completes with the ready line (bots, resumed sessions); fails when the child exits before it.</summary>
    public Task<(int Bots, int Resumed)> Ready => _ready.Task;

    /// <summary>Starts a child; <paramref name="handled"/> gets each (bot, message) it reports, <paramref name="log"/> its standard error.</summary>
    public static CrashChildProcess Start(CrashChildCommand command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        int number, Action<long, int> handled, Action<string> log)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments.Concat(arguments))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.FileName}");
        return new CrashChildProcess(process, number, handled, log);
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix), then reads what the child wrote before it died.</summary>
    public async Task KillAsync()
    {
        if (_finished)
            return;
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
        await FinishAsync();
    }

    /// <summary>Closes the child's standard input (its stop signal) and waits for it to exit; kills it after <paramref name="grace"/>.</summary>
    /// <returns>Whether it exited by itself.</returns>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_finished)
            return false;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is gone: the child has exited.
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await FinishAsync();
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    private async Task FinishAsync()
    {
        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout, _stderr);
        _ready.TrySetException(new InvalidOperationException($"crash child {Number} exited with code {_process.ExitCode} before it was ready"));
        _finished = true;
    }

    public void Dispose() => _process.Dispose();

    private async Task ReadStdoutAsync(Action<long, int> handled)
    {
        var reader = _process.StandardOutput;
        while (await reader.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts is ["handled", var bot, var message]
                && long.TryParse(bot, NumberStyles.None, CultureInfo.InvariantCulture, out var botId)
                && int.TryParse(message, NumberStyles.None, CultureInfo.InvariantCulture, out var messageId))
            {
                handled(botId, messageId);
            }
            else if (parts is ["ready", var bots, var resumed]
                && int.TryParse(bots, NumberStyles.None, CultureInfo.InvariantCulture, out var botCount)
                && int.TryParse(resumed, NumberStyles.None, CultureInfo.InvariantCulture, out var resumedCount))
            {
                _ready.TrySetResult((botCount, resumedCount));
            }
        }
        _ready.TrySetException(new InvalidOperationException($"crash child {Number} closed its output before it was ready"));
    }

    private async Task ReadStderrAsync(Action<string> log)
    {
        var reader = _process.StandardError;
        var lines = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (++lines <= MaxStderrLines)
                log($"child {Number}: {line}");
            else if (lines == MaxStderrLines + 1)
                log($"child {Number}: (more output left out)");
        }
    }
}
