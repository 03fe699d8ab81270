using Telethon.Crypto;

namespace Telethon.Tests.Crypto;

/// <summary>
/// A random source that hands out a fixed byte script in order, so that crypto outputs that
/// consume randomness can be checked against known answers. Running past the end fails the test.
/// </summary>
public sealed class ScriptedRandom : IRandomSource
{
    private readonly byte[] _script;
    private int _position;

    /// <summary>Creates the source over the concatenation of the given parts.</summary>
    public ScriptedRandom(params byte[][] parts)
    {
        _script = parts.SelectMany(p => p).ToArray();
    }

    /// <summary>How many bytes have been handed out.</summary>
    public int Consumed => _position;

    /// <inheritdoc />
    public void Fill(Span<byte> destination)
    {
        if (_position + destination.Length > _script.Length)
            throw new InvalidOperationException(
                $"The script has {_script.Length - _position} bytes left; {destination.Length} were asked for.");
        _script.AsSpan(_position, destination.Length).CopyTo(destination);
        _position += destination.Length;
    }
}
