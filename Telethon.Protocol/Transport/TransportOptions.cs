using System.Security.Cryptography;

namespace Telethon.Transport;

/// <summary>Settings shared by the codecs of one connection and by the transport detector.</summary>
public sealed class TransportOptions
{
    /// <summary>The default maximum payload length of one frame: 16 MiB.</summary>
    public const int DefaultMaxFrameLength = 16 * 1024 * 1024;

    /// <summary>The smallest maximum that may be configured.</summary>
    public const int MinMaxFrameLength = 64;

    /// <summary>
    /// The largest maximum that may be configured: what the abridged length prefix can express
    /// (0xffffff words), rounded down to a multiple of 4.
    /// </summary>
    public const int MaxMaxFrameLength = 0xffffff * 4;

    private readonly int _maxFrameLength = DefaultMaxFrameLength;

    /// <summary>Options with every default.</summary>
    public static TransportOptions Default { get; } = new();

    /// <summary>
    /// The largest payload (padding included) a frame may carry, in either direction. A received
    /// length prefix above it raises <see cref="FrameTooLargeException"/> before the body is
    /// buffered or awaited. Between <see cref="MinMaxFrameLength"/> and <see cref="MaxMaxFrameLength"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the allowed range.</exception>
    public int MaxFrameLength
    {
        get => _maxFrameLength;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinMaxFrameLength);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxMaxFrameLength);
            _maxFrameLength = value;
        }
    }

    /// <summary>The source of random bytes; null means <see cref="RandomNumberGenerator.Fill(Span{byte})"/>.</summary>
    public RandomFill? Random { get; init; }

    internal void Fill(Span<byte> destination)
    {
        if (Random is { } random)
            random(destination);
        else
            RandomNumberGenerator.Fill(destination);
    }
}
