namespace Telethon.Mtproto;

/// <summary>
/// Makes seq_no values: a content-related message gets <c>2n + 1</c> and increments n, any other
/// message (acks, containers) gets <c>2n</c>.
/// </summary>
public sealed class SequenceNumberGenerator
{
    /// <summary>How many content-related messages were numbered (n).</summary>
    public int ContentCount { get; set; }

    /// <summary>The seq_no of the next message.</summary>
    public int Next(bool contentRelated) => contentRelated ? ContentCount++ * 2 + 1 : ContentCount * 2;

    /// <summary>Starts again from zero (a new session).</summary>
    public void Reset() => ContentCount = 0;
}
