using System.Collections.Concurrent;
using Telethon.Model;

namespace Telethon.Tests.Files;

/// <summary>Keeps every report, synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class RecordingProgress : IProgress<TransferProgress>
{
    public ConcurrentQueue<TransferProgress> Reports { get; } = new();

    public void Report(TransferProgress value) => Reports.Enqueue(value);
}
