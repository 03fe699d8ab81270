using Telethon.Tl;

namespace Telethon.Tests.Tl;

/// <summary>How a random instance chooses its optional fields.</summary>
public enum FlagMode
{
    /// <summary>Every flag bit clear: only the required fields.</summary>
    None,
    /// <summary>Every flag bit set: every conditional field present.</summary>
    All,
    /// <summary>Each bit chosen at random.</summary>
    Random,
}

/// <summary>
/// Builds the TL bytes of random instances of any constructor or function straight from the schema
/// metadata, independently of the generated code, so that the generated readers and writers can be
/// checked against it. Nesting is bounded: past a depth, vectors are empty and boxed types take their
/// simplest constructor with every flag clear.
/// </summary>
public sealed class TlRandomEncoder
{
    private const int MaxDepth = 4;
    private static readonly Lazy<Dictionary<string, TlConstructorInfo>> Simplest = new(BuildSimplest);
    private readonly Random _random;
    private readonly FlagMode _mode;

    /// <summary>Creates an encoder with a fixed seed.</summary>
    public TlRandomEncoder(int seed, FlagMode mode)
    {
        _random = new Random(seed);
        _mode = mode;
    }

    /// <summary>The boxed bytes of a random instance of <paramref name="info"/>.</summary>
    public byte[] Encode(TlConstructorInfo info)
    {
        var writer = new TlWriter(256);
        try
        {
            writer.WriteUInt32(info.Id);
            WriteFields(ref writer, info, 0);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The bytes of a random result of function <paramref name="function"/> (what rpc_result carries).</summary>
    public byte[] EncodeResult(TlConstructorInfo function)
    {
        var writer = new TlWriter(256);
        try
        {
            WriteValue(ref writer, function.Result!, 0);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private void WriteFields(ref TlWriter w, TlConstructorInfo info, int depth)
    {
        var flags = new int[info.Params.Length];
        var mode = depth >= MaxDepth ? FlagMode.None : _mode;
        // Bits are chosen per bit, so fields sharing a bit are present together, as on the real wire.
        for (var i = 0; i < info.Params.Length; i++)
        {
            var p = info.Params[i];
            if (!p.IsConditional)
                continue;
            var set = mode switch { FlagMode.All => true, FlagMode.None => false, _ => _random.Next(2) == 0 };
            if (set)
                flags[p.FlagIndex] |= 1 << p.FlagBit;
        }
        // Unused bits of a flags field stay zero: the generated writer computes flags from the fields.
        for (var i = 0; i < info.Params.Length; i++)
        {
            var p = info.Params[i];
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                w.WriteInt32(flags[i]);
                continue;
            }
            if (p.IsConditional && (flags[p.FlagIndex] & (1 << p.FlagBit)) == 0)
                continue;
            if (p.Type.Kind != TlTypeKind.True)
                WriteValue(ref w, p.Type, depth);
        }
    }

    private void WriteValue(ref TlWriter w, TlTypeInfo type, int depth)
    {
        switch (type.Kind)
        {
            case TlTypeKind.Int: w.WriteInt32(_random.Next(int.MinValue, int.MaxValue)); break;
            case TlTypeKind.Long: w.WriteInt64(_random.NextInt64(long.MinValue, long.MaxValue)); break;
            case TlTypeKind.Double: w.WriteDouble((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-20, 20))); break;
            case TlTypeKind.String: w.WriteString(RandomString()); break;
            case TlTypeKind.Bytes: w.WriteBytes(RandomBytes(_random.Next(4) == 0 ? _random.Next(254, 700) : _random.Next(0, 40))); break;
            case TlTypeKind.Int128: w.WriteRaw(RandomBytes(16)); break;
            case TlTypeKind.Int256: w.WriteRaw(RandomBytes(32)); break;
            case TlTypeKind.Bool: w.WriteBool(_random.Next(2) == 0); break;
            case TlTypeKind.Vector:
            {
                var count = depth >= MaxDepth ? 0 : _random.Next(0, 3);
                w.WriteVectorHeader(count, type.IsBare);
                for (var i = 0; i < count; i++)
                    WriteValue(ref w, type.Element!, depth + 1);
                break;
            }
            case TlTypeKind.Bare:
                WriteFields(ref w, TlRegistry.Find(type.ConstructorId)!, depth + 1);
                break;
            case TlTypeKind.Boxed:
            {
                var options = TlRegistry.ConstructorsOf(type);
                var simplest = Simplest.Value[(type.IsService ? "service:" : "") + type.Name];
                var chosen = depth >= MaxDepth ? simplest : options[_random.Next(options.Count)];
                if (chosen.Id == TlReader.GzipPackedId)
                    chosen = simplest;
                w.WriteUInt32(chosen.Id);
                WriteFields(ref w, chosen, depth + 1);
                break;
            }
            case TlTypeKind.Object:
            {
                // Any object: a small API constructor keeps the instance readable.
                var info = TlRegistry.Find("inputPeerUser")!;
                w.WriteUInt32(info.Id);
                WriteFields(ref w, info, depth + 1);
                break;
            }
            case TlTypeKind.Query:
            {
                var info = TlRegistry.Find(_random.Next(2) == 0 ? "help.getConfig" : "users.getUsers")!;
                w.WriteUInt32(info.Id);
                WriteFields(ref w, info, depth + 1);
                break;
            }
            default:
                throw new InvalidOperationException($"cannot generate {type}");
        }
    }

    private string RandomString()
    {
        var length = _random.Next(4) == 0 ? _random.Next(90, 200) : _random.Next(0, 12);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // Letters, Cyrillic and CJK (1, 2 and 3 UTF-8 bytes); no lone surrogates, which UTF-8 cannot carry.
            chars[i] = _random.Next(3) switch
            {
                0 => (char)_random.Next('a', 'z' + 1),
                1 => (char)_random.Next(0x0410, 0x0450),
                _ => (char)_random.Next(0x4E00, 0x9FFF),
            };
        }
        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    // For each boxed type, the constructor that needs the fewest nested objects when its flags are clear.
    private static Dictionary<string, TlConstructorInfo> BuildSimplest()
    {
        var all = TlRegistry.Service.Concat(TlRegistry.Api).Where(c => !c.IsFunction && c.Id != TlReader.GzipPackedId).ToList();
        var cost = new Dictionary<string, int>();
        var best = new Dictionary<string, TlConstructorInfo>();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var c in all)
            {
                var total = 1;
                foreach (var p in c.Params)
                {
                    if (p.IsConditional || p.Type.Kind != TlTypeKind.Boxed)
                        continue;
                    total = cost.TryGetValue((p.Type.IsService ? "service:" : "") + p.Type.Name, out var k) ? total + k : int.MaxValue / 2;
                    if (total >= int.MaxValue / 2)
                        break;
                }
                var key = (c.IsService ? "service:" : "") + c.TypeName;
                if (total < int.MaxValue / 2 && (!cost.TryGetValue(key, out var old) || total < old))
                {
                    cost[key] = total;
                    best[key] = c;
                    changed = true;
                }
            }
        }
        return best;
    }
}
