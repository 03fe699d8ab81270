using Telethon.Generator.Parsing;
using Telethon.Tests.Support;
using Telethon.Tl;

namespace Telethon.Tests.Tl;

/// <summary>
/// The reference schemas in ../shared/tl (layer 228 api.tl, mtproto.tl): every explicit constructor id
/// equals the CRC-32 of its normalized definition, except the named legacy definitions; and the
/// constructors layer 223 (what we generate from) shares with layer 228 keep their ids.
/// </summary>
public sealed class TlSchemaIdTests
{
    // Definitions whose id is not the CRC-32 of their text as written, and why.
    private static readonly Dictionary<string, string> KnownExceptions = new()
    {
        // The legacy appendix of the layer-228 file: ids fixed long ago from other texts.
        ["ipPortSecret"] = "legacy: the id was computed when the secret field was declared as string",
        ["accessPointRule"] = "legacy: the id was computed with the bare vector written as a boxed Vector",
        ["help.configSimple"] = "legacy: the id was computed with the bare vector written as a boxed Vector",
        ["inputPeerPhotoFileLocationLegacy"] = "legacy: renamed with a _Legacy suffix but keeps the id of its original text",
        ["inputStickerSetThumbLegacy"] = "legacy: renamed with a _Legacy suffix but keeps the id of its original text",
    };

    [SkippableFact]
    public void ApiTlIdsAreTheCrcOfTheirDefinitions() => AssertIdsMatchCrc("tl/api.tl", minimum: 2000);

    [SkippableFact]
    public void MtprotoTlIdsAreTheCrcOfTheirDefinitions() => AssertIdsMatchCrc("tl/mtproto.tl", minimum: 40);

    [Fact]
    public void OurServiceSchemaIdsAreTheCrcOfTheirDefinitions()
    {
        var path = Path.Combine(RepoRoot(), "Telethon.Protocol", "Tl", "Schema", "mtproto.tl");
        var schema = TlTextParser.Parse(File.ReadAllText(path));
        var mismatches = schema.Definitions
            .Where(d => d.HasExplicitId && d.Id != TlCrc32.Compute(d.NormalizedText!) && !KnownExceptions.ContainsKey(d.Name))
            .Select(d => d.Name)
            .ToList();
        Assert.Empty(mismatches);
        // `message` has no written id: the parser derives it.
        Assert.Equal(0x5bb8e511u, schema.Definitions.Single(d => d.Name == "message").Id);
    }

    [SkippableFact]
    public void OurServiceSchemaAgreesWithTheReferenceCopy()
    {
        var reference = TlTextParser.Parse(File.ReadAllText(SharedData.PathOf("tl/mtproto.tl"))).Definitions
            .Where(d => d.HasExplicitId).ToDictionary(d => d.Name, d => d.Id);
        foreach (var info in TlRegistry.Service)
            if (reference.TryGetValue(info.Name, out var id))
                Assert.True(id == info.Id, $"{info.Name}: ours 0x{info.Id:x8}, reference 0x{id:x8}");
        Assert.True(reference.Count >= 40);
    }

    [SkippableFact]
    public void Layer223AndLayer228AgreeOnSharedConstructors()
    {
        var layer228 = TlTextParser.Parse(File.ReadAllText(SharedData.PathOf("tl/api.tl")));
        Assert.Equal(228, layer228.Layer);
        var byId228 = layer228.Definitions.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
        var byName228 = layer228.Definitions.ToDictionary(d => d.Name);

        var sameId = 0;
        var sameName = 0;
        foreach (var info in TlRegistry.Api.Where(c => !c.Name.StartsWith("mtcute.", StringComparison.Ordinal)))
        {
            // An id present in both layers names the same definition.
            if (byId228.TryGetValue(info.Id, out var other))
            {
                Assert.True(other.Name == info.Name, $"0x{info.Id:x8} is {info.Name} in 223 but {other.Name} in 228");
                sameId++;
            }
            // A definition whose parameters did not change keeps its id.
            if (byName228.TryGetValue(info.Name, out var named) && Signature(named) == Signature(info))
            {
                Assert.True(named.Id == info.Id, $"{info.Name}: 0x{info.Id:x8} in 223, 0x{named.Id:x8} in 228 with the same parameters");
                sameName++;
            }
        }
        Assert.True(sameId > 2000, $"only {sameId} shared ids");
        Assert.True(sameName > 2000, $"only {sameName} unchanged definitions");
    }

    private static void AssertIdsMatchCrc(string relative, int minimum)
    {
        var schema = TlTextParser.Parse(File.ReadAllText(SharedData.PathOf(relative)));
        var explicitIds = schema.Definitions.Where(d => d.HasExplicitId).ToList();
        Assert.True(explicitIds.Count >= minimum, $"{relative}: only {explicitIds.Count} definitions parsed");
        var mismatches = explicitIds
            .Where(d => d.Id != TlCrc32.Compute(d.NormalizedText!) && !KnownExceptions.ContainsKey(d.Name))
            .Select(d => $"{d.Name}#{d.Id:x8}: crc32('{d.NormalizedText}') = {TlCrc32.Compute(d.NormalizedText!):x8}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // Every exception named must really be one, so that the list cannot hide a parser bug.
        var stale = explicitIds
            .Where(d => KnownExceptions.ContainsKey(d.Name) && d.Id == TlCrc32.Compute(d.NormalizedText!))
            .Select(d => d.Name)
            .ToList();
        Assert.True(stale.Count == 0, "listed as exceptions but matching: " + string.Join(", ", stale));
    }

    private static string Signature(Telethon.Generator.Model.TlDefinition d) =>
        string.Join(" ", d.Params.Select(p => $"{p.Name}:{(p.FlagField is null ? "" : $"{p.FlagField}.{p.FlagBit}?")}{Normalize(p.Type.ToString())}")) + "=" + Normalize(d.Result.ToString());

    private static string Signature(TlConstructorInfo c) =>
        string.Join(" ", c.Params.Select(p => $"{p.Name}:{(p.FlagIndex < 0 ? "" : $"{c.Params[p.FlagIndex].Name}.{p.FlagBit}?")}{Normalize(TypeText(p.Type))}")) + "=" + Normalize(c.TypeName);

    private static string TypeText(TlTypeInfo t) => t.Kind switch
    {
        TlTypeKind.Vector => $"{t.Name}<{TypeText(t.Element!)}>",
        TlTypeKind.Query => "!X",
        _ => t.Name!,
    };

    // api-schema.json writes some longs as int53 and results as plain type names.
    private static string Normalize(string type) => type.Replace("int53", "long").Replace("!X", "X");

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Telethon.Actors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("the repository root was not found above the test binary");
    }
}
