using Telethon.Tl;
using Telethon.Tl.Json;

namespace Telethon.Tests.Tl;

/// <summary>
/// Every constructor and function of both schemas, with flags all clear, all set and random:
/// random bytes built from the metadata must read through the generated code, write back to the
/// same bytes, and survive the JSON form both ways.
/// </summary>
public sealed class TlRoundTripPropertyTests
{
    private const int SeedsPerMode = 3;

    public static TheoryData<string> Schemas => new() { "api", "service" };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void EveryDefinitionRoundTripsThroughGeneratedCodeAndJson(string schema)
    {
        var definitions = schema == "api" ? TlRegistry.Api : TlRegistry.Service;
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var info in definitions)
        {
            if (info.Id == TlReader.GzipPackedId)
                continue; // never read as itself: its content is read in its place (tested separately)
            foreach (var mode in new[] { FlagMode.None, FlagMode.All, FlagMode.Random })
            {
                for (var seed = 0; seed < SeedsPerMode; seed++)
                {
                    var bytes = new TlRandomEncoder(HashCode.Combine(info.Id, mode, seed), mode).Encode(info);
                    var failure = Check(info, bytes);
                    if (failure is not null)
                        failures.Add($"{info.Name} ({mode}, seed {seed}): {failure}");
                }
            }
            checkedCount++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.Equal(definitions.Count(d => d.Id != TlReader.GzipPackedId), checkedCount);
        Assert.True(checkedCount > (schema == "api" ? 2000 : 50));
    }

    [Fact]
    public void EveryFunctionResultRoundTripsThroughReadResultAndWriteResult()
    {
        var failures = new List<string>();
        var functions = TlRegistry.Api.Concat(TlRegistry.Service).Where(f => f.IsFunction && f.Result!.Kind != TlTypeKind.Query).ToList();
        foreach (var info in functions)
        {
            var requestBytes = new TlRandomEncoder((int)info.Id, FlagMode.Random).Encode(info);
            var reader = new TlReader(requestBytes);
            var request = TlRegistry.ReadFunction(ref reader);
            for (var seed = 0; seed < 3; seed++)
            {
                var resultBytes = new TlRandomEncoder(seed * 7919 + (int)info.Id, FlagMode.Random).EncodeResult(info);
                try
                {
                    var resultReader = new TlReader(resultBytes);
                    var result = request.ReadResultObject(ref resultReader);
                    Assert.Equal(0, resultReader.Remaining);
                    var writer = new TlWriter(64);
                    request.WriteResultObject(ref writer, result);
                    if (!writer.WrittenSpan.SequenceEqual(resultBytes))
                        failures.Add($"{info.Name}: result written back differs");
                    writer.Dispose();
                }
                catch (Exception e)
                {
                    failures.Add($"{info.Name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(functions.Count > 700);
    }

    private static string? Check(TlConstructorInfo info, byte[] bytes)
    {
        try
        {
            var reader = new TlReader(bytes);
            var obj = TlRegistry.ReadObject(ref reader);
            if (reader.Remaining != 0)
                return $"{reader.Remaining} bytes left unread";
            if (obj.ConstructorId != info.Id || obj.TlName != info.Name)
                return $"read as {obj.TlName}";
            var written = obj.ToBytes();
            if (!written.AsSpan().SequenceEqual(bytes))
                return $"typed write differs: {Convert.ToHexStringLower(written)} vs {Convert.ToHexStringLower(bytes)}";
            // The service `message` shares its name with the API's and is only ever bare: by name, the API one is meant.
            if (!ReferenceEquals(TlRegistry.Find(info.Name), info))
                return null;
            var json = TlJson.Decode(bytes);
            var encoded = TlJson.Encode(json);
            if (!encoded.AsSpan().SequenceEqual(bytes))
                return $"JSON round trip differs: {json}";
            return null;
        }
        catch (Exception e)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }
}
