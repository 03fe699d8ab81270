using Telethon.Generator.Emit;
using Telethon.Generator.Parsing;
using Telethon.Tests.Support;
using Telethon.Tl;

namespace Telethon.Tests.Generator;

/// <summary>The shape of the generated C#: names, namespaces, typed functions, and the .tl input path.</summary>
public sealed class GeneratedApiShapeTests
{
    [Fact]
    public void NamesFollowTheTlNamespaces()
    {
        Assert.Equal("Telethon.Tl.Types.Messages", typeof(Telethon.Tl.Types.Messages.Messages).Namespace);
        Assert.True(typeof(Telethon.Tl.Abcs.Messages.Messages).IsAbstract);
        Assert.True(typeof(Telethon.Tl.Abcs.Messages.Messages).IsAssignableFrom(typeof(Telethon.Tl.Types.Messages.MessagesSlice)));
        Assert.True(typeof(TlFunction<Telethon.Tl.Abcs.UpdatesBase>).IsAssignableFrom(typeof(Telethon.Tl.Functions.Messages.SendMessage)));
        Assert.True(typeof(TlFunction<Telethon.Tl.Abcs.User[]>).IsAssignableFrom(typeof(Telethon.Tl.Functions.Users.GetUsers)));
        Assert.True(typeof(TlFunction<bool>).IsAssignableFrom(typeof(Telethon.Tl.Functions.Messages.SetTyping)));
        Assert.True(typeof(TlFunction<long[]>).IsAssignableFrom(typeof(Telethon.Tl.Functions.Messages.ReceivedQueue)));
        Assert.Equal(223, TlRegistry.Layer);
        // `updates` is both a constructor and a TL namespace: the classes take a suffix.
        Assert.Equal("UpdatesConstructor", typeof(Telethon.Tl.Types.UpdatesConstructor).Name);
        Assert.Equal("Telethon.Tl.Types.Updates", typeof(Telethon.Tl.Types.Updates.State).Namespace);
    }

    [Fact]
    public void WrapperFunctionsAreTypeSafe()
    {
        var query = new Telethon.Tl.Functions.Help.GetConfig();
        var wrapped = new Telethon.Tl.Functions.InvokeWithLayer<Telethon.Tl.Abcs.Config>
        {
            Layer = TlRegistry.Layer,
            Query = new Telethon.Tl.Functions.InitConnection<Telethon.Tl.Abcs.Config>
            {
                ApiId = 1,
                DeviceModel = "d",
                SystemVersion = "s",
                AppVersion = "a",
                SystemLangCode = "en",
                LangPack = "",
                LangCode = "en",
                Query = query,
            },
        };
        TlFunction<Telethon.Tl.Abcs.Config> typed = wrapped;
        var bytes = typed.ToBytes();

        // Decoding yields the untyped form, whose result is read through the inner query.
        var reader = new TlReader(bytes);
        var decoded = Assert.IsType<Telethon.Tl.Functions.InvokeWithLayer>(TlRegistry.ReadFunction(ref reader));
        var init = Assert.IsType<Telethon.Tl.Functions.InitConnection>(decoded.Query);
        Assert.IsType<Telethon.Tl.Functions.Help.GetConfig>(init.Query);
        Assert.Equal(bytes, decoded.ToBytes());
    }

    [Fact]
    public void RequiredAndOptionalFieldsHaveTheRightCSharpTypes()
    {
        var message = typeof(Telethon.Tl.Types.Message);
        Assert.Equal(typeof(int?), message.GetProperty("Views")!.PropertyType);
        Assert.Equal(typeof(bool), message.GetProperty("Out")!.PropertyType);
        Assert.Equal(typeof(string), message.GetProperty("MessageValue")!.PropertyType);
        Assert.Equal(typeof(Telethon.Tl.Abcs.MessageEntity[]), message.GetProperty("Entities")!.PropertyType);
        Assert.Equal(typeof(long), typeof(Telethon.Tl.Types.PeerUser).GetProperty("UserId")!.PropertyType); // int53 is a long
        Assert.Equal(typeof(Int128), typeof(Telethon.Tl.Mtproto.Types.ResPQ).GetProperty("Nonce")!.PropertyType);
        Assert.Equal(typeof(Int256), typeof(Telethon.Tl.Mtproto.Types.PQInnerDataDc).GetProperty("NewNonce")!.PropertyType);
    }

    [SkippableFact]
    public void TheEmitterAlsoTakesPlainTlText()
    {
        // A newer layer's api.tl goes through the same emitter (the build takes it with -p:TlApiSchema=...).
        var api = TlTextParser.Parse(File.ReadAllText(SharedData.PathOf("tl/api.tl")));
        var service = TlTextParser.Parse(File.ReadAllText(Path.Combine(Tl.TlSchemaIdTests.RepoRoot(), "Telethon.Protocol", "Tl", "Schema", "mtproto.tl")));
        var files = new CSharpEmitter(api, service, []).Emit().ToList();
        var all = string.Concat(files.Select(f => f.Source));
        Assert.Contains("public const int Layer = 228;", all);
        Assert.Contains("public sealed partial class SendMessage : global::Telethon.Tl.TlFunction<global::Telethon.Tl.Abcs.UpdatesBase>", all);
        Assert.True(files.Count > 50);
    }

    [Fact]
    public void TextParserHandlesTheTlGrammar()
    {
        var schema = TlTextParser.Parse("""
            // header
            int ? = Int;
            vector {t:Type} # [ t ] = Vector t;
            boolTrue#997275b5 = Bool;
            inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
            msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;
            message msg_id:long seqno:int bytes:int body:Object = Message;
            a#0a000001 flags:# x:flags.0?true y:flags2.31?Vector<long> = A;
            ---functions---
            invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
            // LAYER 99
            """);
        Assert.Equal(99, schema.Layer);
        Assert.Equal(["inputPeerUser", "msg_container", "message", "a", "invokeWithLayer"], schema.Definitions.Select(d => d.Name).ToArray());
        var container = schema.Definitions[1];
        Assert.True(container.Params[0].Type.IsVector && container.Params[0].Type.IsBare && container.Params[0].Type.Element!.IsBare);
        Assert.Equal(0x5bb8e511u, schema.Definitions[2].Id);
        Assert.Equal(0x0a000001u, schema.Definitions[3].Id);
        Assert.True(schema.Definitions[3].Params[1].IsTrueFlag);
        Assert.Equal(("flags2", 31), (schema.Definitions[3].Params[2].FlagField, schema.Definitions[3].Params[2].FlagBit));
        var invoke = schema.Definitions[4];
        Assert.True(invoke.IsFunction && invoke.Params[1].Type.IsGenericParameter && invoke.Result.IsGenericParameter);
        Assert.Throws<FormatException>(() => TlTextParser.Parse("broken#zz = X;"));
        Assert.Throws<FormatException>(() => TlTextParser.Parse("a#1 x:flags.40?int = A;"));
    }
}
