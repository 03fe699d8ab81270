using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Sender;

/// <summary>
/// Random bytes for an auth-key exchange in which chosen draws (counted from 1 over the whole exchange, and over the
/// exchanges after it) wait until the test opens them: a step of the exchange stays "computing" as long as the test wants.
/// </summary>
internal sealed class GatedRandom : IRandomSource
{
    private readonly Dictionary<int, (TaskCompletionSource Reached, ManualResetEventSlim Open)> _gates = [];
    private int _draws;

    public GatedRandom(params int[] gated)
    {
        foreach (var draw in gated)
            _gates[draw] = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new ManualResetEventSlim());
    }

    /// <summary>Completes when draw <paramref name="draw"/> has started waiting.</summary>
    public Task Reached(int draw) => _gates[draw].Reached.Task;

    /// <summary>Lets draw <paramref name="draw"/> go on.</summary>
    public void Open(int draw) => _gates[draw].Open.Set();

    public void Fill(Span<byte> destination)
    {
        if (_gates.TryGetValue(Interlocked.Increment(ref _draws), out var gate))
        {
            gate.Reached.TrySetResult();
            // Blocks the exchange's own thread (never an actor's, when the sender is right); the test opens it.
            // Longer than any test waits for an answer, so a sender blocked here fails its test rather than recovering in time.
            gate.Open.Wait(Eventually.DefaultTimeout * 2);
        }
        RandomNumberGenerator.Fill(destination);
    }
}
