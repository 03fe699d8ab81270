using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Telethon.Generator.Emit;
using Telethon.Generator.Model;
using Telethon.Generator.Parsing;

namespace Telethon.Generator;

/// <summary>
/// Generates the TL types of Telethon.Protocol at build time from the AdditionalFiles marked with
/// <c>TlRole</c> metadata: <c>api</c> (api-schema.json of @mtcute/tl, or a plain .tl file),
/// <c>service</c> (the MTProto service schema, .tl) and <c>errors</c> (raw-errors.json).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TlSourceGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor SchemaError = new(
        "TLGEN001", "TL schema error", "{0}", "TlGenerator", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor MissingInput = new(
        "TLGEN002", "TL schema input missing", "No AdditionalFiles item with TlRole='{0}': the TL types cannot be generated", "TlGenerator",
        DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) =>
            {
                var options = pair.Right.GetOptions(pair.Left);
                options.TryGetValue("build_metadata.AdditionalFiles.TlRole", out var role);
                return (Role: role ?? "", Path: pair.Left.Path, Text: pair.Left.GetText(ct)?.ToString() ?? "");
            })
            .Where(static x => x.Role.Length > 0)
            .Collect();

        context.RegisterSourceOutput(inputs, static (spc, files) => Generate(spc, files));
    }

    private static void Generate(SourceProductionContext spc, ImmutableArray<(string Role, string Path, string Text)> files)
    {
        var api = files.FirstOrDefault(f => f.Role == "api");
        var service = files.FirstOrDefault(f => f.Role == "service");
        var errors = files.FirstOrDefault(f => f.Role == "errors");
        foreach (var (role, file) in new[] { ("api", api.Path), ("service", service.Path) })
        {
            if (file is null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(MissingInput, Location.None, role));
                return;
            }
        }
        try
        {
            var apiSchema = ParseSchema(api.Path, api.Text);
            var serviceSchema = TlTextParser.Parse(service.Text);
            var errorList = errors.Path is null ? Array.Empty<TlErrorInfo>() : ErrorsReader.Parse(errors.Text);
            var emitter = new CSharpEmitter(apiSchema, serviceSchema, errorList);
            foreach (var (hint, source) in emitter.Emit())
            {
                spc.CancellationToken.ThrowIfCancellationRequested();
                spc.AddSource(hint, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            spc.ReportDiagnostic(Diagnostic.Create(SchemaError, Location.None, e.Message));
        }
    }

    private static TlSchema ParseSchema(string path, string text) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? MtcuteSchemaReader.Parse(text) : TlTextParser.Parse(text);
}
