using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Telethon.Tl.Json;

/// <summary>
/// The fixed JSON form of TL objects, driven by the schema metadata so that it covers every
/// constructor and function: <c>{"_": "messages.messages", "field": value, ...}</c>. int, long and
/// double are numbers (longs exact; NaN and infinities as the strings "NaN", "Infinity", "-Infinity"),
/// int128, int256 and bytes lowercase hex in wire order, string a JSON string, Bool true/false,
/// a set <c>true</c> flag <c>true</c> (omitted when clear), <c>#</c> fields omitted (computed when
/// encoding), absent conditional fields omitted, vectors arrays.
/// </summary>
public static class TlJson
{
    /// <summary>Decodes one boxed object and returns its JSON form.</summary>
    /// <exception cref="TlDecodeException">The bytes are not a valid boxed object, or bytes are left over.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var reader = new TlReader(bytes);
            WriteValue(ref reader, json, TlTypeInfo.Object);
            if (reader.Remaining != 0)
                throw new TlDecodeException($"{reader.Remaining} bytes left after the object", reader.Position);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Encodes the JSON form of one object to its boxed TL bytes.</summary>
    /// <exception cref="TlJsonException">The JSON does not describe a valid object of the schema.</exception>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static byte[] Encode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Encode(document.RootElement);
    }

    /// <summary>Encodes the JSON form of one object to its boxed TL bytes.</summary>
    /// <exception cref="TlJsonException">The JSON does not describe a valid object of the schema.</exception>
    public static byte[] Encode(JsonElement element)
    {
        var writer = new TlWriter(256);
        try
        {
            WriteObject(ref writer, element, TlTypeInfo.Object, "$", bare: false);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    // ------------------------------------------------------------------ TL → JSON

    private static void WriteValue(ref TlReader r, Utf8JsonWriter json, TlTypeInfo type)
    {
        switch (type.Kind)
        {
            case TlTypeKind.Int: json.WriteNumberValue(r.ReadInt32()); break;
            case TlTypeKind.Long: json.WriteNumberValue(r.ReadInt64()); break;
            case TlTypeKind.Double:
                var d = r.ReadDouble();
                if (double.IsFinite(d))
                    json.WriteNumberValue(d);
                else
                    json.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                break;
            case TlTypeKind.String: json.WriteStringValue(r.ReadString()); break;
            case TlTypeKind.Bytes: json.WriteStringValue(Convert.ToHexStringLower(r.ReadBytesSpan())); break;
            case TlTypeKind.Int128: json.WriteStringValue(Convert.ToHexStringLower(r.ReadRawSpan(16))); break;
            case TlTypeKind.Int256: json.WriteStringValue(Convert.ToHexStringLower(r.ReadRawSpan(32))); break;
            case TlTypeKind.Bool: json.WriteBooleanValue(r.ReadBool()); break;
            case TlTypeKind.Vector:
            {
                var element = type.Element!;
                var count = r.ReadVectorCount(type.IsBare, MinSize(element));
                json.WriteStartArray();
                for (var i = 0; i < count; i++)
                    WriteValue(ref r, json, element);
                json.WriteEndArray();
                break;
            }
            case TlTypeKind.Bare:
            {
                var info = TlRegistry.Find(type.ConstructorId) ?? throw new TlDecodeException($"unknown bare constructor {type.Name}", r.Position);
                WriteFields(ref r, json, info);
                break;
            }
            case TlTypeKind.Boxed:
            case TlTypeKind.Object:
            case TlTypeKind.Query:
            {
                var offset = r.Position;
                var id = r.EnterObject();
                if (id == TlReader.GzipPackedId)
                {
                    var (buffer, length) = TlReader.Unpack(r.ReadBytesSpan(), offset);
                    try
                    {
                        var inner = new TlReader(buffer.AsSpan(0, length));
                        WriteValue(ref inner, json, type);
                    }
                    catch (TlDecodeException e)
                    {
                        throw new TlDecodeException($"{e.Reason}, at offset {e.Offset} of the data unpacked from gzip_packed", offset, e.ConstructorId, e);
                    }
                    finally
                    {
                        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    }
                    r.ExitObject();
                    break;
                }
                var info = TlRegistry.Find(id) ?? throw new TlDecodeException("unknown constructor", offset, id);
                if (type.Kind == TlTypeKind.Boxed && (info.IsFunction || info.TypeName != type.Name || info.IsService != type.IsService))
                    throw new TlDecodeException($"{info.Name} is not a constructor of {type.Name}", offset, id);
                if (type.Kind == TlTypeKind.Query && !info.IsFunction)
                    throw new TlDecodeException($"{info.Name} is not a function", offset, id);
                WriteFields(ref r, json, info);
                r.ExitObject();
                break;
            }
            default:
                throw new TlDecodeException($"a {type} cannot stand alone", r.Position);
        }
    }

    private static void WriteFields(ref TlReader r, Utf8JsonWriter json, TlConstructorInfo info)
    {
        json.WriteStartObject();
        json.WriteString("_", info.Name);
        Span<int> flags = stackalloc int[info.Params.Length];
        for (var i = 0; i < info.Params.Length; i++)
        {
            var p = info.Params[i];
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                flags[i] = r.ReadInt32();
                continue;
            }
            if (p.IsConditional && (flags[p.FlagIndex] & (1 << p.FlagBit)) == 0)
                continue;
            json.WritePropertyName(p.Name);
            if (p.Type.Kind == TlTypeKind.True)
                json.WriteBooleanValue(true);
            else
                WriteValue(ref r, json, p.Type);
        }
        json.WriteEndObject();
    }

    private static int MinSize(TlTypeInfo t) => t.Kind switch
    {
        TlTypeKind.Long or TlTypeKind.Double => 8,
        TlTypeKind.Int128 => 16,
        TlTypeKind.Int256 => 32,
        _ => 4,
    };

    // ------------------------------------------------------------------ JSON → TL

    private static void WriteObject(ref TlWriter w, JsonElement e, TlTypeInfo expected, string path, bool bare)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Error(ref w, "expected an object", path);
        if (!e.TryGetProperty("_", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
            throw Error(ref w, "an object needs its TL name in \"_\"", path);
        var name = nameElement.GetString()!;
        // A name can stand in both schemas (`message`): a bare type names its constructor by id.
        var info = (expected.Kind == TlTypeKind.Bare && expected.Name == name ? TlRegistry.Find(expected.ConstructorId)
                : expected.Kind == TlTypeKind.Boxed ? TlRegistry.Find(name, expected.IsService)
                : TlRegistry.Find(name))
            ?? throw Error(ref w, $"unknown constructor or function '{name}'", path);
        switch (expected.Kind)
        {
            case TlTypeKind.Boxed when info.IsFunction || info.TypeName != expected.Name || info.IsService != expected.IsService:
                throw Error(ref w, $"{name} is not a constructor of {expected.Name}", path);
            case TlTypeKind.Bare when info.Name != expected.Name:
                throw Error(ref w, $"expected the bare constructor {expected.Name}, not {name}", path);
            case TlTypeKind.Query when !info.IsFunction:
                throw Error(ref w, $"{name} is not a function", path);
        }

        // Every property must be a parameter: a misspelt field is an error, not silently dropped.
        foreach (var property in e.EnumerateObject())
        {
            if (property.NameEquals("_"))
                continue;
            if (Array.FindIndex(info.Params, p => p.Name == property.Name) < 0)
                throw Error(ref w, $"{name} has no field '{property.Name}'", path);
        }

        Span<int> flags = stackalloc int[info.Params.Length];
        for (var i = 0; i < info.Params.Length; i++)
        {
            var p = info.Params[i];
            if (!p.IsConditional || !e.TryGetProperty(p.Name, out var v) || v.ValueKind == JsonValueKind.Null)
                continue;
            if (p.Type.Kind == TlTypeKind.True)
            {
                if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    throw Error(ref w, $"flag '{p.Name}' must be true or false", path);
                if (v.ValueKind == JsonValueKind.False)
                    continue;
            }
            flags[p.FlagIndex] |= 1 << p.FlagBit;
        }

        if (!bare)
            w.WriteUInt32(info.Id);
        for (var i = 0; i < info.Params.Length; i++)
        {
            var p = info.Params[i];
            var fieldPath = path + "." + p.Name;
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                w.WriteInt32(flags[i]);
                continue;
            }
            if (p.Type.Kind == TlTypeKind.True)
                continue;
            var present = e.TryGetProperty(p.Name, out var v) && v.ValueKind != JsonValueKind.Null;
            if (p.IsConditional && (flags[p.FlagIndex] & (1 << p.FlagBit)) == 0)
                continue;
            if (!present)
                throw Error(ref w, p.IsConditional ? $"field '{p.Name}' is needed: another field sets its flag bit" : $"missing field '{p.Name}'", fieldPath);
            WriteJsonValue(ref w, v, p.Type, fieldPath);
        }
    }

    private static void WriteJsonValue(ref TlWriter w, JsonElement v, TlTypeInfo type, string path)
    {
        switch (type.Kind)
        {
            case TlTypeKind.Int:
                w.WriteInt32(v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Error(ref w, "expected a 32-bit integer", path));
                break;
            case TlTypeKind.Long:
                w.WriteInt64(v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : throw Error(ref w, "expected a 64-bit integer", path));
                break;
            case TlTypeKind.Double:
                w.WriteDouble(ReadDouble(ref w, v, path));
                break;
            case TlTypeKind.String:
                w.WriteString(v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(ref w, "expected a string", path));
                break;
            case TlTypeKind.Bytes:
                w.WriteBytes(ReadHex(ref w, v, path, -1));
                break;
            case TlTypeKind.Int128:
                w.WriteRaw(ReadHex(ref w, v, path, 16));
                break;
            case TlTypeKind.Int256:
                w.WriteRaw(ReadHex(ref w, v, path, 32));
                break;
            case TlTypeKind.Bool:
                w.WriteBool(v.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Error(ref w, "expected true or false", path),
                });
                break;
            case TlTypeKind.Vector:
                if (v.ValueKind != JsonValueKind.Array)
                    throw Error(ref w, "expected an array", path);
                w.WriteVectorHeader(v.GetArrayLength(), type.IsBare);
                var index = 0;
                foreach (var item in v.EnumerateArray())
                    WriteJsonValue(ref w, item, type.Element!, $"{path}[{index++}]");
                break;
            case TlTypeKind.Bare:
                WriteObject(ref w, v, type, path, bare: true);
                break;
            case TlTypeKind.Boxed:
            case TlTypeKind.Object:
            case TlTypeKind.Query:
                WriteObject(ref w, v, type, path, bare: false);
                break;
            default:
                throw Error(ref w, $"a {type} cannot stand alone", path);
        }
    }

    private static double ReadDouble(ref TlWriter w, JsonElement v, string path) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String when v.GetString() == "NaN" => double.NaN,
        JsonValueKind.String when v.GetString() == "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when v.GetString() == "-Infinity" => double.NegativeInfinity,
        _ => throw Error(ref w, "expected a number", path),
    };

    private static byte[] ReadHex(ref TlWriter w, JsonElement v, string path, int exactLength)
    {
        if (v.ValueKind != JsonValueKind.String)
            throw Error(ref w, "expected a hex string", path);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(v.GetString()!);
        }
        catch (FormatException)
        {
            throw Error(ref w, "expected a hex string", path);
        }
        if (exactLength >= 0 && bytes.Length != exactLength)
            throw Error(ref w, string.Create(CultureInfo.InvariantCulture, $"expected {exactLength} bytes of hex, got {bytes.Length}"), path);
        return bytes;
    }

    private static TlJsonException Error(ref TlWriter w, string message, string path) => new(message, path, w.Length);
}
