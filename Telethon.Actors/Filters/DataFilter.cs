using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes for a <see cref="ButtonCallback"/> whose data is exactly the filter's bytes (Telethon's
/// <c>Data</c>); other events never pass.</summary>
public sealed class DataFilter : Filter
{
    private readonly byte[] _data;

    /// <summary>Creates the filter.</summary>
    /// <param name="data">The data to match, byte for byte.</param>
    public DataFilter(ReadOnlySpan<byte> data)
    {
        _data = data.ToArray();
    }

    /// <summary>The data matched.</summary>
    public ReadOnlyMemory<byte> DataBytes => _data;

    /// <inheritdoc />
    public override bool Matches(Event e) => e is ButtonCallback callback && callback.Data.Span.SequenceEqual(_data);

    /// <inheritdoc />
    public override string ToString() => $"Data({Convert.ToHexString(_data)})";
}
