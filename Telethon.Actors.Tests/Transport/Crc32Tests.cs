using System.Text;
using Telethon.Transport;

namespace Telethon.Tests.Transport;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xe8b7be43u)]
    [InlineData("123456789", 0xcbf43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414fa339u)]
    public void KnownAnswers(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void SlicedTablesAgreeWithTheBitwiseDefinitionAndAppendComposes()
    {
        var rng = new Random(77);
        for (var length = 0; length < 300; length += 1 + rng.Next(7))
        {
            var data = new byte[length];
            rng.NextBytes(data);
            var expected = Bitwise(data);
            Assert.Equal(expected, Crc32.Compute(data));
            var split = rng.Next(0, length + 1);
            Assert.Equal(expected, Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    private static uint Bitwise(byte[] data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
        }
        return ~crc;
    }
}
