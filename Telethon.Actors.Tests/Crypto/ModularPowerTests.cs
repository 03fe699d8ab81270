using System.Numerics;
using Telethon.Crypto;

namespace Telethon.Tests.Crypto;

public sealed class ModularPowerTests
{
    private const int Size = 256;

    [Fact]
    public void AgreesWithSystemNumericsOnDhShapes()
    {
        var random = new Random(7);
        var prime = DhValidator.TelegramPrime;
        for (var i = 0; i < 4; i++)
        {
            var exponent = new byte[Size];
            random.NextBytes(exponent);
            var e = BigEndian.ToBigInteger(exponent);

            var small = ModularPower.Compute([3], exponent, DhValidator.TelegramPrimeBytes, Size);
            Assert.Equal(BigEndian.ToBytes(BigInteger.ModPow(3, e, prime), Size), small);

            var full = ModularPower.Compute(small, exponent, DhValidator.TelegramPrimeBytes, Size);
            Assert.Equal(BigEndian.ToBytes(BigInteger.ModPow(BigEndian.ToBigInteger(small), e, prime), Size), full);
        }
    }

    [Fact]
    public void EdgeValues()
    {
        var p = DhValidator.TelegramPrimeBytes;
        var pMinusOne = BigEndian.ToBytes(DhValidator.TelegramPrime - 1, Size);
        var two = new byte[Size];
        two[^1] = 2;

        // A zero result is all zeros at full size.
        Assert.Equal(new byte[Size], ModularPower.Compute(p, two, p, Size));
        Assert.Equal(new byte[Size], ModularPower.Compute([], two, p, Size));
        // x^0 = 1, leading zeros of the inputs do not matter.
        Assert.Equal(1, ModularPower.Compute([0, 0, 5], [0, 0], p, Size)[^1]);
        // (p − 1)^2 = 1, and a value above the modulus is reduced first.
        Assert.Equal(BigEndian.ToBytes(BigInteger.One, Size), ModularPower.Compute(pMinusOne, two, p, Size));
        var above = BigEndian.ToBytes(DhValidator.TelegramPrime + 2, Size + 1);
        Assert.Equal(BigEndian.ToBytes(new BigInteger(4), Size), ModularPower.Compute(above, two, p, Size));
        // Small numbers and an exact destination span.
        Span<byte> destination = stackalloc byte[2];
        ModularPower.Compute([7], [3], [0x03, 0xe8], destination);
        Assert.Equal(new byte[] { 0x01, 0x57 }, destination.ToArray());
    }

    [Fact]
    public void RefusesAZeroModulusAndAShortDestination()
    {
        Assert.Throws<ArgumentException>(() => ModularPower.Compute([2], [3], [0, 0], 4));
        Assert.Throws<ArgumentException>(() => ModularPower.Compute([2], [3], [], 4));
        Assert.Throws<ArgumentException>(() => ModularPower.Compute([3], [0x10], DhValidator.TelegramPrimeBytes, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModularPower.Compute([3], [1], [7], -1));
    }
}
