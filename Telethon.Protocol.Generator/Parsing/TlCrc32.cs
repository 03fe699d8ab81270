namespace Telethon.Generator.Parsing;

/// <summary>CRC-32 (IEEE 802.3), the checksum TL uses to derive constructor ids from definitions.</summary>
public static class TlCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of the ASCII/UTF-8 bytes of <paramref name="text"/>.</summary>
    public static uint Compute(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
