using System.Buffers.Binary;

namespace Telethon.Transport;

/// <summary>
/// CRC-32 (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF),
/// the checksum of the full transport. Slicing-by-8 over tables built once.
/// </summary>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// Extends a CRC-32 with more data: <c>Append(Compute(a), b) == Compute(a + b)</c>. Start from 0.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table.AsSpan();
        var c = ~crc;
        while (data.Length >= 8)
        {
            var one = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ c;
            var two = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            c = table[(7 * 256) + (int)(one & 0xff)]
                ^ table[(6 * 256) + (int)((one >> 8) & 0xff)]
                ^ table[(5 * 256) + (int)((one >> 16) & 0xff)]
                ^ table[(4 * 256) + (int)(one >> 24)]
                ^ table[(3 * 256) + (int)(two & 0xff)]
                ^ table[(2 * 256) + (int)((two >> 8) & 0xff)]
                ^ table[256 + (int)((two >> 16) & 0xff)]
                ^ table[(int)(two >> 24)];
            data = data[8..];
        }
        foreach (var b in data)
            c = table[(int)((c ^ b) & 0xff)] ^ (c >> 8);
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var slice = 1; slice < 8; slice++)
            {
                var previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = table[(int)(previous & 0xff)] ^ (previous >> 8);
            }
        }
        return table;
    }
}
