using System.Text.Json;
using Telethon.TestServer.Layers;
using Telethon.Tests.Support;
using Telethon.Tl;
using Telethon.Tl.Json;
using Telethon.Tl.Layers;
using Xunit.Abstractions;

namespace Telethon.Tests.Tl.Layers;

/// <summary>
/// For every known layer, every constructor and function that also exists in the compiled layer by name
/// survives conversion there and back with the fields both layers share; the bytes in between are valid in
/// that layer.
/// </summary>
public sealed class TlLayerConverterPropertyTests(ITestOutputHelper output)
{
    private const int SamplesPerConstructor = 3;

    public static TheoryData<int> PackagedLayers()
    {
        var data = new TheoryData<int>();
        foreach (var layer in LayerCatalog.Load().Layers)
        {
            if (layer != TlRegistry.Layer)
                data.Add(layer);
        }
        return data;
    }

    [Fact]
    public void EveryPackagedLayerIsBesideTheProgram()
    {
        Assert.Equal([167, 179, 181, 185, 189, 204, 216, 218, 220, 221, TlRegistry.Layer], LayerCatalog.Load().Layers);
    }

    [Theory]
    [MemberData(nameof(PackagedLayers))]
    public void SharedFieldsSurviveTheRoundTrip(int layer)
    {
        var other = LayerCatalog.Load().Schema(layer);
        Assert.Equal(layer, other.Layer);
        RoundTripAll(other);
    }

    [SkippableTheory]
    [InlineData("api.tl", 228)]
    [InlineData("api-165.tl", 165)]
    public void SharedFieldsSurviveTheRoundTripWithSchemaFiles(string file, int layer)
    {
        var other = LayerSchemaReader.ReadFile(SharedData.PathOf(Path.Combine("tl", file)));
        Assert.Equal(layer, other.Layer);
        RoundTripAll(other);
    }

    private void RoundTripAll(TlLayerSchema other)
    {
        var current = TlLayerSchema.Current;
        var down = new TlLayerConverter(current, other);
        var up = new TlLayerConverter(other, current);
        var check = new TlLayerConverter(other, other);
        int tested = 0, shared = 0, outOfShape = 0;
        foreach (var ctor in current.Definitions)
        {
            if (other.Find(ctor.Name) is null)
                continue;
            shared++;
            var built = false;
            for (var sample = 0; sample < SamplesPerConstructor; sample++)
            {
                var encoder = new SharedShapeEncoder(current, other, HashCode.Combine(ctor.Id, sample, other.Layer));
                if (encoder.Encode(ctor) is not { } original)
                    continue;
                built = true;
                byte[] there = [], back;
                try
                {
                    TlJson.Decode(original);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"the encoder wrote an invalid {ctor.Name}: {e.Message}");
                }
                try
                {
                    there = down.Convert(original);
                    check.Convert(there); // valid bytes of that layer
                    back = up.Convert(there);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{ctor.Name} (layer {other.Layer}, sample {sample}): {e}\n{TlJson.Decode(original)}\n{Convert.ToHexString(original)}\n{Convert.ToHexString(there)}");
                }
                using var a = JsonDocument.Parse(TlJson.Decode(original));
                using var b = JsonDocument.Parse(Decode(back, ctor.Name));
                var difference = Compare(a.RootElement, b.RootElement, current, other, "$");
                Assert.True(difference is null, $"{ctor.Name} (layer {other.Layer}): {difference}\n{a.RootElement}\n{b.RootElement}");
            }
            if (built)
                tested++;
            else
                outOfShape++;
        }
        output.WriteLine($"layer {other.Layer}: {shared} shared by name, {tested} round-tripped, {outOfShape} need an object the layer lacks");
        // Nearly everything both layers name can be built within their shared part.
        Assert.True(tested >= shared * 9 / 10, $"only {tested} of {shared} constructors could be tested");
    }

    private static string Decode(byte[] bytes, string name)
    {
        try
        {
            return TlJson.Decode(bytes);
        }
        catch (TlDecodeException e)
        {
            throw new Xunit.Sdk.XunitException($"{name} came back unreadable: {e.Message}\n{Convert.ToHexString(bytes)}");
        }
    }

    // The first difference between two objects of the compiled layer, looking only at fields the other layer shares.
    private static string? Compare(JsonElement a, JsonElement b, TlLayerSchema current, TlLayerSchema other, string path)
    {
        if (a.ValueKind != b.ValueKind)
            return $"{path}: {a.ValueKind} became {b.ValueKind}";
        switch (a.ValueKind)
        {
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                    return $"{path}: {a.GetArrayLength()} items became {b.GetArrayLength()}";
                for (var i = 0; i < a.GetArrayLength(); i++)
                {
                    if (Compare(a[i], b[i], current, other, $"{path}[{i}]") is { } d)
                        return d;
                }
                return null;
            case JsonValueKind.Object:
                var name = a.GetProperty("_").GetString()!;
                if (b.GetProperty("_").GetString() != name)
                    return $"{path}: {name} became {b.GetProperty("_").GetString()}";
                var ctor = current.Find(name)!;
                var peer = other.Find(name)!;
                foreach (var p in ctor.Params)
                {
                    if (SharedShapeEncoder.SharedField(p, peer) is null)
                        continue;
                    var inA = a.TryGetProperty(p.Name, out var va);
                    var inB = b.TryGetProperty(p.Name, out var vb);
                    if (inA != inB)
                        return $"{path}.{p.Name}: {(inA ? "present" : "absent")} became {(inB ? "present" : "absent")}";
                    if (inA && Compare(va, vb, current, other, $"{path}.{p.Name}") is { } d)
                        return d;
                }
                return null;
            default:
                return a.GetRawText() == b.GetRawText() ? null : $"{path}: {a.GetRawText()} became {b.GetRawText()}";
        }
    }
}
