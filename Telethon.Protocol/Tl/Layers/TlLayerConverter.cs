using System.Collections.Concurrent;

namespace Telethon.Tl.Layers;

/// <summary>
/// Rewrites TL bytes of one layer as the bytes of another, straight from wire to wire, driven by the
/// run-time metadata of both schemas. Objects are matched by constructor name, and fields by name:
/// <list type="bullet">
/// <item>a field the target lacks is dropped; a field the target requires but the source lacks (or holds in a
/// type the target's cannot take) gets its empty value: 0, "", empty bytes, false, an empty vector, or the
/// type's empty constructor (<c>inputPeerEmpty</c>, <c>messageMediaEmpty</c>);</item>
/// <item>flag words are recomputed from the fields written (fields that share a bit are written together); int widens
/// to long; a <c>true</c> flag and a Bool stand for each other;</item>
/// <item>an object the target layer lacks in an optional field drops that field (or gives it its empty value when
/// other fields share its bit); anywhere else it fails the
/// whole conversion with <see cref="TlLayerConversionException"/> (the caller answers with an error the client can
/// read, never with bytes it would misread).</item>
/// </list>
/// Source constructors are looked up by id in <see cref="From"/> first, then in the other schemas given, so
/// a request is read whatever known layer each of its objects comes from. Thread-safe; the field maps are
/// built once per constructor pair. gzip_packed values are unpacked and written plain.
/// </summary>
public sealed class TlLayerConverter
{
    private const int MaxDepth = 64;
    private const int MaxEmptyDepth = 8;
    private const int StackFields = 64;

    // Markers in the field scan: absent, and a set `true` flag (nothing on the wire).
    private const int Absent = -1;
    private const int FlagSet = -2;

    private readonly TlLayerSchema[] _sources;
    private readonly ConcurrentDictionary<ulong, FieldPair> _fieldMaps = new();
    private readonly ConcurrentDictionary<string, TlConstructorInfo?> _emptyConstructors = new(StringComparer.Ordinal);

    /// <summary>Creates a converter from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The layer the bytes are written in.</param>
    /// <param name="to">The layer to write.</param>
    /// <param name="alsoReadFrom">Other layers whose constructors the input may hold (looked up by id after <paramref name="from"/>).</param>
    public TlLayerConverter(TlLayerSchema from, TlLayerSchema to, IEnumerable<TlLayerSchema>? alsoReadFrom = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        From = from;
        To = to;
        _sources = [from, .. (alsoReadFrom ?? []).Where(s => !ReferenceEquals(s, from))];
    }

    /// <summary>The layer read.</summary>
    public TlLayerSchema From { get; }

    /// <summary>The layer written.</summary>
    public TlLayerSchema To { get; }

    /// <summary>Converts one boxed object (a constructor or a function).</summary>
    /// <exception cref="TlDecodeException">The bytes are not a valid object of the source layers.</exception>
    /// <exception cref="TlLayerConversionException">The target layer cannot express the object.</exception>
    public byte[] Convert(ReadOnlySpan<byte> boxed) => Convert(boxed, TlTypeInfo.Object, TlTypeInfo.Object);

    /// <summary>Converts one value of <paramref name="sourceType"/> to <paramref name="targetType"/>.</summary>
    /// <exception cref="TlDecodeException">The bytes are not a valid value of the source layers.</exception>
    /// <exception cref="TlLayerConversionException">The target layer cannot express the value.</exception>
    public byte[] Convert(ReadOnlySpan<byte> source, TlTypeInfo sourceType, TlTypeInfo targetType)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        ArgumentNullException.ThrowIfNull(targetType);
        var writer = new TlWriter(Math.Max(64, source.Length + source.Length / 4));
        try
        {
            var reader = new TlReader(source);
            ConvertValue(ref reader, sourceType, targetType, ref writer, 0);
            if (reader.Remaining != 0)
                throw new TlDecodeException($"{reader.Remaining} bytes left after the value", reader.Position);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Converts the answer to function <paramref name="functionName"/> (its result type in each layer).</summary>
    /// <exception cref="TlDecodeException">The bytes are not a valid result.</exception>
    /// <exception cref="TlLayerConversionException">A layer lacks the function, or the target cannot express the result.</exception>
    public byte[] ConvertResult(string functionName, ReadOnlySpan<byte> result)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        var source = FindSourceByName(functionName) is { IsFunction: true } s ? s
            : throw new TlLayerConversionException(functionName, From.Layer, "no such function in the source layer");
        var target = To.Find(functionName) is { IsFunction: true } t ? t
            : throw new TlLayerConversionException(functionName, To.Layer, "the layer has no such function");
        return Convert(result, source.Result ?? TlTypeInfo.Object, target.Result ?? TlTypeInfo.Object);
    }

    // ------------------------------------------------------------------ values

    private void ConvertValue(ref TlReader r, TlTypeInfo s, TlTypeInfo t, ref TlWriter w, int depth)
    {
        if (depth > MaxDepth)
            throw new TlDecodeException("the value nests too deeply", r.Position);
        switch (s.Kind)
        {
            case TlTypeKind.Int:
                var i = r.ReadInt32();
                if (t.Kind == TlTypeKind.Int)
                    w.WriteInt32(i);
                else if (t.Kind == TlTypeKind.Long)
                    w.WriteInt64(i);
                else
                    throw Incompatible(s, t);
                return;
            case TlTypeKind.Long:
                var l = r.ReadInt64();
                if (t.Kind == TlTypeKind.Long)
                    w.WriteInt64(l);
                else if (t.Kind == TlTypeKind.Int && l is >= int.MinValue and <= int.MaxValue)
                    w.WriteInt32((int)l);
                else
                    throw Incompatible(s, t);
                return;
            case TlTypeKind.Double when t.Kind == TlTypeKind.Double:
                w.WriteInt64(r.ReadInt64());
                return;
            case TlTypeKind.String or TlTypeKind.Bytes when t.Kind is TlTypeKind.String or TlTypeKind.Bytes:
                w.WriteBytes(r.ReadBytesSpan());
                return;
            case TlTypeKind.Int128 when t.Kind == TlTypeKind.Int128:
                w.WriteRaw(r.ReadRawSpan(16));
                return;
            case TlTypeKind.Int256 when t.Kind == TlTypeKind.Int256:
                w.WriteRaw(r.ReadRawSpan(32));
                return;
            case TlTypeKind.Bool when t.Kind == TlTypeKind.Bool:
                w.WriteBool(r.ReadBool());
                return;
            case TlTypeKind.Vector when t.Kind == TlTypeKind.Vector:
            {
                var count = r.ReadVectorCount(s.IsBare, MinSize(s.Element!));
                w.WriteVectorHeader(count, t.IsBare);
                for (var k = 0; k < count; k++)
                    ConvertValue(ref r, s.Element!, t.Element!, ref w, depth + 1);
                return;
            }
            case TlTypeKind.Boxed or TlTypeKind.Object or TlTypeKind.Query or TlTypeKind.Bare when IsObjectKind(t.Kind):
                ConvertObject(ref r, s, t, ref w, depth);
                return;
            default:
                throw Incompatible(s, t);
        }
    }

    private void ConvertObject(ref TlReader r, TlTypeInfo s, TlTypeInfo t, ref TlWriter w, int depth)
    {
        TlConstructorInfo source;
        var offset = r.Position;
        var boxed = s.Kind != TlTypeKind.Bare;
        if (boxed)
        {
            var id = r.EnterObject();
            if (id == TlReader.GzipPackedId)
            {
                var (buffer, length) = TlReader.Unpack(r.ReadBytesSpan(), offset);
                try
                {
                    var inner = new TlReader(buffer.AsSpan(0, length));
                    ConvertValue(ref inner, s, t, ref w, depth + 1);
                    if (inner.Remaining != 0)
                        throw new TlDecodeException($"{inner.Remaining} bytes left in gzip_packed data", offset, id);
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
                r.ExitObject();
                return;
            }
            source = FindSource(id) ?? throw new TlDecodeException("unknown constructor", offset, id);
            if (s.Kind == TlTypeKind.Query && !source.IsFunction)
                throw new TlDecodeException($"{source.Name} is not a function", offset, id);
            if (s.Kind == TlTypeKind.Boxed && source.IsFunction)
                throw new TlDecodeException($"{source.Name} is a function, not a value", offset, id);
        }
        else
        {
            source = FindSource(s.ConstructorId) ?? throw new TlDecodeException($"unknown bare constructor {s.Name}", offset);
        }

        var target = TargetFor(source, t);
        if (t.Kind != TlTypeKind.Bare)
            w.WriteUInt32(target.Id);
        ConvertFields(ref r, source, target, ref w, depth);
        if (boxed)
            r.ExitObject();
    }

    private TlConstructorInfo TargetFor(TlConstructorInfo source, TlTypeInfo t)
    {
        var target = t.Kind == TlTypeKind.Bare ? To.Find(t.ConstructorId) : To.Find(source.Name);
        if (target is null)
            throw new TlLayerConversionException(source.Name, To.Layer, "the layer has no such constructor");
        var fits = t.Kind switch
        {
            TlTypeKind.Boxed => !target.IsFunction && target.TypeName == t.Name,
            TlTypeKind.Bare => target.Name == source.Name,
            TlTypeKind.Query => target.IsFunction,
            _ => target.IsFunction == source.IsFunction,
        };
        return fits ? target : throw new TlLayerConversionException(source.Name, To.Layer, $"it is not a {t} there");
    }

    private void ConvertFields(ref TlReader r, TlConstructorInfo source, TlConstructorInfo target, ref TlWriter w, int depth)
    {
        var sourceCount = source.Params.Length;
        Span<int> starts = sourceCount <= StackFields ? stackalloc int[sourceCount] : new int[sourceCount];
        Span<int> ends = sourceCount <= StackFields ? stackalloc int[sourceCount] : new int[sourceCount];
        Span<int> sourceFlags = sourceCount <= StackFields ? stackalloc int[sourceCount] : new int[sourceCount];
        sourceFlags.Clear();

        // Where each source field lies, relative to the object's first field.
        var data = r.RemainingSpan;
        var origin = r.Position;
        for (var k = 0; k < sourceCount; k++)
        {
            var p = source.Params[k];
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                sourceFlags[k] = r.ReadInt32();
                starts[k] = Absent;
                continue;
            }
            if (p.IsConditional && (sourceFlags[p.FlagIndex] & (1 << p.FlagBit)) == 0)
            {
                starts[k] = Absent;
                continue;
            }
            if (p.Type.Kind == TlTypeKind.True)
            {
                starts[k] = FlagSet;
                continue;
            }
            starts[k] = r.Position - origin;
            SkipValue(ref r, p.Type, depth + 1);
            ends[k] = r.Position - origin;
        }

        var pair = FieldMap(source, target);
        var map = pair.Map;
        var targetCount = target.Params.Length;
        Span<int> targetFlags = targetCount <= StackFields ? stackalloc int[targetCount] : new int[targetCount];
        Span<int> flagPositions = targetCount <= StackFields ? stackalloc int[targetCount] : new int[targetCount];
        targetFlags.Clear();

        // Bits first: fields that share a bit are present together, so a bit any of them sets brings all of them.
        for (var k = 0; k < targetCount; k++)
        {
            var p = target.Params[k];
            var from = map[k];
            if (!p.IsConditional || from < 0 || starts[from] == Absent)
                continue;
            if (p.Type.Kind != TlTypeKind.True || starts[from] == FlagSet || IsBoolTrue(data[starts[from]..ends[from]]))
                targetFlags[p.FlagIndex] |= 1 << p.FlagBit;
        }

        for (var k = 0; k < targetCount; k++)
        {
            var p = target.Params[k];
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                flagPositions[k] = w.Length;
                w.WriteInt32(0);
                continue;
            }
            if (p.Type.Kind == TlTypeKind.True)
                continue;
            if (p.IsConditional && (targetFlags[p.FlagIndex] & (1 << p.FlagBit)) == 0)
                continue;
            var from = map[k];
            if (from < 0 || starts[from] == Absent)
            {
                WriteEmpty(p.Type, ref w, 0, target.Name);
                continue;
            }
            var mark = w.Length;
            try
            {
                if (starts[from] == FlagSet)
                {
                    w.WriteBool(true); // a `true` flag read into a Bool field
                }
                else
                {
                    var field = new TlReader(data[starts[from]..ends[from]]);
                    ConvertValue(ref field, source.Params[from].Type, p.Type, ref w, depth + 1);
                }
            }
            catch (TlLayerConversionException) when (p.IsConditional)
            {
                // An optional field the layer cannot express is left out when it has its bit to itself, and
                // otherwise takes its empty value (its bit stays set for the fields that share it).
                w.Truncate(mark);
                if (pair.HasOwnBit[k])
                    targetFlags[p.FlagIndex] &= ~(1 << p.FlagBit);
                else
                    WriteEmpty(p.Type, ref w, 0, target.Name);
            }
        }
        for (var k = 0; k < targetCount; k++)
        {
            if (target.Params[k].Type.Kind == TlTypeKind.Flags)
                w.PatchInt32(flagPositions[k], targetFlags[k]);
        }
    }

    private static bool IsBoolTrue(ReadOnlySpan<byte> value) =>
        value.Length == 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(value) == TlReader.BoolTrueId;

    // For each target field, the index of the source field of the same name whose type can fill it, or -1.
    private FieldPair FieldMap(TlConstructorInfo source, TlConstructorInfo target) =>
        _fieldMaps.GetOrAdd(((ulong)source.Id << 32) | target.Id, static (_, pair) =>
        {
            var (s, t) = pair;
            var map = new int[t.Params.Length];
            var ownBit = new bool[t.Params.Length];
            for (var k = 0; k < map.Length; k++)
            {
                var p = t.Params[k];
                var index = Array.FindIndex(s.Params, q => q.Name == p.Name);
                map[k] = index >= 0 && p.Type.Kind != TlTypeKind.Flags && CanFill(s.Params[index].Type, p.Type) ? index : -1;
                ownBit[k] = p.IsConditional && Array.FindAll(t.Params, q => q.FlagIndex == p.FlagIndex && q.FlagBit == p.FlagBit).Length == 1;
            }
            return new FieldPair(map, ownBit);
        }, (source, target));

    private sealed record FieldPair(int[] Map, bool[] HasOwnBit);

    // Whether a value of type s can become one of type t (objects are decided per constructor later).
    private static bool CanFill(TlTypeInfo s, TlTypeInfo t) => (s.Kind, t.Kind) switch
    {
        (TlTypeKind.Int or TlTypeKind.Long, TlTypeKind.Int or TlTypeKind.Long) => true,
        (TlTypeKind.String or TlTypeKind.Bytes, TlTypeKind.String or TlTypeKind.Bytes) => true,
        (TlTypeKind.Bool or TlTypeKind.True, TlTypeKind.Bool or TlTypeKind.True) => true,
        (TlTypeKind.Vector, TlTypeKind.Vector) => CanFill(s.Element!, t.Element!),
        _ when IsObjectKind(s.Kind) && IsObjectKind(t.Kind) => true,
        _ => s.Kind == t.Kind && s.Kind != TlTypeKind.Flags,
    };

    private static bool IsObjectKind(TlTypeKind kind) => kind is TlTypeKind.Boxed or TlTypeKind.Object or TlTypeKind.Query or TlTypeKind.Bare;

    // ------------------------------------------------------------------ skipping

    private void SkipValue(ref TlReader r, TlTypeInfo type, int depth)
    {
        if (depth > MaxDepth)
            throw new TlDecodeException("the value nests too deeply", r.Position);
        switch (type.Kind)
        {
            case TlTypeKind.Int:
            case TlTypeKind.Bool:
                r.ReadInt32();
                return;
            case TlTypeKind.Long:
            case TlTypeKind.Double:
                r.ReadInt64();
                return;
            case TlTypeKind.String:
            case TlTypeKind.Bytes:
                r.ReadBytesSpan();
                return;
            case TlTypeKind.Int128:
                r.ReadRawSpan(16);
                return;
            case TlTypeKind.Int256:
                r.ReadRawSpan(32);
                return;
            case TlTypeKind.Vector:
            {
                var element = type.Element!;
                var size = MinSize(element);
                var count = r.ReadVectorCount(type.IsBare, size);
                if (element.Kind is TlTypeKind.Int or TlTypeKind.Long or TlTypeKind.Double or TlTypeKind.Int128 or TlTypeKind.Int256)
                {
                    r.ReadRawSpan(count * size);
                    return;
                }
                for (var k = 0; k < count; k++)
                    SkipValue(ref r, element, depth + 1);
                return;
            }
            case TlTypeKind.Bare:
            {
                var info = FindSource(type.ConstructorId) ?? throw new TlDecodeException($"unknown bare constructor {type.Name}", r.Position);
                SkipFields(ref r, info, depth);
                return;
            }
            case TlTypeKind.Boxed:
            case TlTypeKind.Object:
            case TlTypeKind.Query:
            {
                var offset = r.Position;
                var id = r.EnterObject();
                if (id == TlReader.GzipPackedId)
                {
                    r.ReadBytesSpan();
                }
                else
                {
                    var info = FindSource(id) ?? throw new TlDecodeException("unknown constructor", offset, id);
                    SkipFields(ref r, info, depth);
                }
                r.ExitObject();
                return;
            }
            default:
                throw new TlDecodeException($"a {type} cannot stand alone", r.Position);
        }
    }

    private void SkipFields(ref TlReader r, TlConstructorInfo info, int depth)
    {
        var count = info.Params.Length;
        Span<int> flags = count <= StackFields ? stackalloc int[count] : new int[count];
        flags.Clear();
        for (var k = 0; k < count; k++)
        {
            var p = info.Params[k];
            if (p.Type.Kind == TlTypeKind.Flags)
                flags[k] = r.ReadInt32();
            else if (p.Type.Kind != TlTypeKind.True && (!p.IsConditional || (flags[p.FlagIndex] & (1 << p.FlagBit)) != 0))
                SkipValue(ref r, p.Type, depth + 1);
        }
    }

    // ------------------------------------------------------------------ empty values

    private void WriteEmpty(TlTypeInfo type, ref TlWriter w, int depth, string owner)
    {
        if (depth > MaxEmptyDepth)
            throw new TlLayerConversionException(owner, To.Layer, $"no finite empty value of {type}");
        switch (type.Kind)
        {
            case TlTypeKind.Int:
                w.WriteInt32(0);
                return;
            case TlTypeKind.Long:
            case TlTypeKind.Double:
                w.WriteInt64(0);
                return;
            case TlTypeKind.String:
            case TlTypeKind.Bytes:
                w.WriteBytes([]);
                return;
            case TlTypeKind.Int128:
                w.WriteInt64(0);
                w.WriteInt64(0);
                return;
            case TlTypeKind.Int256:
                for (var k = 0; k < 4; k++)
                    w.WriteInt64(0);
                return;
            case TlTypeKind.Bool:
                w.WriteBool(false);
                return;
            case TlTypeKind.Vector:
                w.WriteVectorHeader(0, type.IsBare);
                return;
            case TlTypeKind.Boxed:
            {
                var ctor = EmptyConstructorOf(type.Name!)
                    ?? throw new TlLayerConversionException(owner, To.Layer, $"no constructor of {type.Name} to stand for a missing value");
                w.WriteUInt32(ctor.Id);
                WriteEmptyFields(ctor, ref w, depth + 1);
                return;
            }
            case TlTypeKind.Bare:
            {
                var ctor = To.Find(type.ConstructorId) ?? throw new TlLayerConversionException(owner, To.Layer, $"no bare {type.Name}");
                WriteEmptyFields(ctor, ref w, depth + 1);
                return;
            }
            default:
                throw new TlLayerConversionException(owner, To.Layer, $"no empty value of {type}");
        }
    }

    private void WriteEmptyFields(TlConstructorInfo ctor, ref TlWriter w, int depth)
    {
        foreach (var p in ctor.Params)
        {
            if (p.Type.Kind == TlTypeKind.Flags)
                w.WriteInt32(0);
            else if (!p.IsConditional)
                WriteEmpty(p.Type, ref w, depth, ctor.Name);
        }
    }

    // The constructor that stands for "nothing" in a type: its *Empty one, else the one with the fewest fields.
    private TlConstructorInfo? EmptyConstructorOf(string typeName) =>
        _emptyConstructors.GetOrAdd(typeName, static (name, to) => to.ConstructorsOf(name)
            .OrderBy(c => c.Name.EndsWith("Empty", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(c => c.Params.Count(p => !p.IsConditional && p.Type.Kind != TlTypeKind.Flags))
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault(), To);

    // ------------------------------------------------------------------ lookups

    private TlConstructorInfo? FindSource(uint id)
    {
        foreach (var schema in _sources)
        {
            if (schema.Find(id) is { } info)
                return info;
        }
        return null;
    }

    private TlConstructorInfo? FindSourceByName(string name)
    {
        foreach (var schema in _sources)
        {
            if (schema.Find(name) is { } info)
                return info;
        }
        return null;
    }

    private TlLayerConversionException Incompatible(TlTypeInfo s, TlTypeInfo t) =>
        new(s.ToString(), To.Layer, $"a {s} value does not fit a {t} field");

    private static int MinSize(TlTypeInfo t) => t.Kind switch
    {
        TlTypeKind.Long or TlTypeKind.Double => 8,
        TlTypeKind.Int128 => 16,
        TlTypeKind.Int256 => 32,
        _ => 4,
    };
}
