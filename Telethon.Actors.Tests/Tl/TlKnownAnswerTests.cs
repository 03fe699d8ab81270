using System.Globalization;
using System.Text.Json;
using Telethon.Tests.Support;
using Telethon.Tl;
using Telethon.Tl.Json;

namespace Telethon.Tests.Tl;

/// <summary>Known answers from ../shared/vectors/tl_serialization.json: primitives and service objects.</summary>
public sealed class TlKnownAnswerTests
{
    private static JsonElement Vectors(string section) => SharedData.Json("vectors/tl_serialization.json").RootElement.GetProperty(section);

    [SkippableFact]
    public void PrimitivesWriteAndReadAsTheVectorsSay()
    {
        var p = Vectors("primitives");
        var count = 0;
        foreach (var v in p.GetProperty("bool").EnumerateArray())
            count += Check(v, (ref TlWriter w) => w.WriteBool(v.GetProperty("value").GetBoolean()), (ref TlReader r) => Assert.Equal(v.GetProperty("value").GetBoolean(), r.ReadBool()));
        foreach (var v in p.GetProperty("int32").EnumerateArray())
            count += Check(v, (ref TlWriter w) => w.WriteInt32(v.GetProperty("value").GetInt32()), (ref TlReader r) => Assert.Equal(v.GetProperty("value").GetInt32(), r.ReadInt32()));
        foreach (var v in p.GetProperty("uint32").EnumerateArray())
            count += Check(v, (ref TlWriter w) => w.WriteUInt32(v.GetProperty("value").GetUInt32()), (ref TlReader r) => Assert.Equal(v.GetProperty("value").GetUInt32(), r.ReadUInt32()));
        foreach (var v in p.GetProperty("int64").EnumerateArray())
        {
            var value = long.Parse(v.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            count += Check(v, (ref TlWriter w) => w.WriteInt64(value), (ref TlReader r) => Assert.Equal(value, r.ReadInt64()));
        }
        foreach (var v in p.GetProperty("double").EnumerateArray())
        {
            var text = v.GetProperty("value").GetString()!;
            var value = text switch { "+inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.Parse(text, CultureInfo.InvariantCulture) };
            count += Check(v, (ref TlWriter w) => w.WriteDouble(value), (ref TlReader r) => Assert.Equal(value, r.ReadDouble()));
        }
        foreach (var v in p.GetProperty("int128").EnumerateArray())
        {
            var raw = Hex.Bytes(v.GetProperty("value").GetString()!);
            count += Check(v, (ref TlWriter w) => w.WriteInt128(System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(raw)),
                (ref TlReader r) => Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(raw), r.ReadInt128()));
        }
        foreach (var v in p.GetProperty("int256").EnumerateArray())
        {
            var value = Int256.FromBytes(Hex.Bytes(v.GetProperty("value").GetString()!));
            count += Check(v, (ref TlWriter w) => w.WriteInt256(value), (ref TlReader r) => Assert.Equal(value, r.ReadInt256()));
        }
        foreach (var (section, bare) in new[] { ("vector_int32_boxed", false), ("vector_int32_bare", true) })
        {
            foreach (var v in p.GetProperty(section).EnumerateArray())
            {
                var items = v.GetProperty("value").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                count += Check(v, (ref TlWriter w) =>
                {
                    w.WriteVectorHeader(items.Length, bare);
                    foreach (var i in items)
                        w.WriteInt32(i);
                }, (ref TlReader r) =>
                {
                    var n = r.ReadVectorCount(bare, 4);
                    var read = new int[n];
                    for (var i = 0; i < n; i++)
                        read[i] = r.ReadInt32();
                    Assert.Equal(items, read);
                });
            }
        }
        foreach (var v in p.GetProperty("bytes").EnumerateArray())
        {
            var value = Hex.Bytes(v.GetProperty("value").GetString()!);
            count += Check(v, (ref TlWriter w) => w.WriteBytes(value), (ref TlReader r) => Assert.Equal(value, r.ReadBytes()));
        }
        foreach (var v in p.GetProperty("string_ascii").EnumerateArray())
        {
            var value = v.GetProperty("value").GetString()!;
            count += Check(v, (ref TlWriter w) => w.WriteString(value), (ref TlReader r) => Assert.Equal(value, r.ReadString()));
        }
        Assert.True(count >= 25, $"only {count} vectors checked");
    }

    [SkippableFact]
    public void ServiceObjectsFromTheSpecificationDecodeToTheirFieldsAndEncodeBackExactly()
    {
        var checkedObjects = 0;
        foreach (var o in Vectors("objects_from_spec").EnumerateArray())
        {
            if (!o.TryGetProperty("bytes", out var bytesElement))
                continue;
            var bytes = Hex.Bytes(bytesElement.GetString()!);
            var name = o.GetProperty("name").GetString()!;

            var reader = new TlReader(bytes);
            var obj = TlRegistry.ReadObject(ref reader);
            Assert.Equal(0, reader.Remaining);
            Assert.Equal(name, obj.TlName);
            Assert.Equal(bytes, obj.ToBytes());

            using var json = JsonDocument.Parse(TlJson.Decode(bytes));
            if (o.TryGetProperty("fields", out var fields))
            {
                foreach (var field in fields.EnumerateObject())
                {
                    var key = field.Name;
                    var actual = json.RootElement.GetProperty(key.EndsWith("_bytes", StringComparison.Ordinal) ? key[..^6] : key.EndsWith("_wire", StringComparison.Ordinal) ? key[..^5] : key);
                    if (key.EndsWith("_wire", StringComparison.Ordinal))
                    {
                        // Longs given as their 8 wire bytes.
                        var expected = field.Value.EnumerateArray().Select(e => BitConverter.ToInt64(Hex.Bytes(e.GetString()!))).ToArray();
                        Assert.Equal(expected, actual.EnumerateArray().Select(e => e.GetInt64()).ToArray());
                    }
                    else if (field.Value.ValueKind == JsonValueKind.String)
                    {
                        Assert.Equal(field.Value.GetString(), actual.GetString());
                    }
                    else
                    {
                        Assert.Equal(field.Value.GetInt64(), actual.GetInt64());
                    }
                }
            }
            Assert.Equal(bytes, TlJson.Encode(json.RootElement));
            checkedObjects++;
        }
        Assert.True(checkedObjects >= 5, $"only {checkedObjects} objects had bytes");
    }

    [Fact]
    public void TypedObjectsSerializeToTheSpecifiedLayout()
    {
        // req_pq_multi from the auth-key sample of the specification.
        var request = new Telethon.Tl.Mtproto.Functions.ReqPqMulti
        {
            Nonce = System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(Hex.Bytes("3e0549828cca27e966b301a48fece2fc")),
        };
        Assert.Equal("f18e7ebe3e0549828cca27e966b301a48fece2fc", Hex.Of(request.ToBytes()));

        var entity = new Telethon.Tl.Types.MessageEntityCustomEmoji { Offset = 1, Length = 2, DocumentId = 3 };
        Assert.Equal("f805cfc8" + "01000000" + "02000000" + "0300000000000000", Hex.Of(entity.ToBytes()));

        // A true flag only sets its bit; an optional field sets its bit and follows in order.
        Assert.Equal(0x80c99768u, Telethon.Tl.Types.InputMessagesFilterPhoneCalls.TlConstructorId);
        Assert.Equal("6897c980" + "01000000", Hex.Of(new Telethon.Tl.Types.InputMessagesFilterPhoneCalls { Missed = true }.ToBytes()));
        Assert.Equal("6897c980" + "00000000", Hex.Of(new Telethon.Tl.Types.InputMessagesFilterPhoneCalls().ToBytes()));

        var peer = new Telethon.Tl.Types.InputPeerUser { UserId = 5, AccessHash = -7 };
        Assert.Equal("4ca5e8dd" + "0500000000000000" + "f9ffffffffffffff", Hex.Of(peer.ToBytes()));
    }

    private delegate void WriteAction(ref TlWriter writer);

    private delegate void ReadAction(ref TlReader reader);

    private static int Check(JsonElement vector, WriteAction write, ReadAction read)
    {
        var expected = Hex.Bytes(vector.GetProperty("bytes").GetString()!);
        var writer = new TlWriter(16);
        write(ref writer);
        Assert.Equal(Hex.Of(expected), Hex.Of(writer.WrittenSpan));
        writer.Dispose();
        var reader = new TlReader(expected);
        read(ref reader);
        Assert.Equal(0, reader.Remaining);
        return 1;
    }
}
