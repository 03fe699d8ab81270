namespace Telethon.Tests.Formatting;

/// <summary>
/// Property checks over many random cases from a fixed seed: every run checks the same cases, and a failure names the
/// case (its number and its description) so it can be reproduced.
/// </summary>
internal static class Seeded
{
    public static void ForEach<T>(int seed, int cases, Func<Random, T> make, Action<T> check, Func<T, string> describe)
    {
        var random = new Random(seed);
        for (var i = 0; i < cases; i++)
        {
            var value = make(random);
            try
            {
                check(value);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"case {i} of seed {seed} fails: {describe(value)}{Environment.NewLine}{e}");
            }
        }
    }

    /// <summary>Between <paramref name="minLength"/> and <paramref name="maxLength"/> numbers in [min, max).</summary>
    public static int[] Ints(Random random, int minLength, int maxLength, int min, int max)
    {
        var values = new int[random.Next(minLength, maxLength + 1)];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.Next(min, max);
        return values;
    }

    /// <summary>A string of the given characters, or of any UTF-16 code units (lone surrogates included) when null.</summary>
    public static string String(Random random, int minLength, int maxLength, string? alphabet)
    {
        var chars = new char[random.Next(minLength, maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = alphabet is null ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}
