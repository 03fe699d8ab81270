using System;
using System.Collections.Generic;
using System.Linq;
using Telethon.Generator.Model;

namespace Telethon.Generator.Emit;

/// <summary>
/// One schema (the API or the MTProto service schema) resolved to C# names: the namespace of each
/// constructor, abstract type and function, with collisions settled by fixed rules.
/// </summary>
internal sealed class SchemaModel
{
    private const string Global = "global::";

    public SchemaModel(TlSchema schema, string rootNamespace, bool isService)
    {
        Schema = schema;
        Root = rootNamespace;
        IsService = isService;
        foreach (var d in schema.Definitions)
        {
            if (d.IsFunction)
            {
                Functions.Add(d);
                continue;
            }
            Constructors.Add(d);
            ConstructorsByName[d.Name] = d;
            var typeName = d.Result.Name;
            if (!TypeConstructors.TryGetValue(typeName, out var list))
                TypeConstructors[typeName] = list = new List<TlDefinition>();
            list.Add(d);
        }
        AssignNames();
    }

    public TlSchema Schema { get; }
    public string Root { get; }
    public bool IsService { get; }
    public List<TlDefinition> Constructors { get; } = new();
    public List<TlDefinition> Functions { get; } = new();
    public Dictionary<string, TlDefinition> ConstructorsByName { get; } = new();
    public Dictionary<string, List<TlDefinition>> TypeConstructors { get; } = new();

    /// <summary>C# namespace and class name of each constructor and function, by TL name.</summary>
    public Dictionary<string, (string Namespace, string Name)> DefinitionNames { get; } = new();

    /// <summary>C# namespace and class name of each abstract (boxed) type, by TL type name.</summary>
    public Dictionary<string, (string Namespace, string Name)> TypeNames { get; } = new();

    public string FullName(TlDefinition d)
    {
        var (ns, name) = DefinitionNames[d.Name];
        return Global + ns + "." + name;
    }

    public string FullTypeName(string tlType)
    {
        var (ns, name) = TypeNames[tlType];
        return Global + ns + "." + name;
    }

    private void AssignNames()
    {
        // A TL namespace becomes a C# namespace; a top-level name equal to a namespace of its
        // category (the constructor and type `updates` vs the namespace `updates`) cannot share
        // it, so such a class takes a suffix: Base (abstract), Constructor, Function.
        var typeNamespaces = new HashSet<string>(Constructors.Select(c => Naming.Pascal(c.Namespace)).Where(n => n.Length > 0 && n != "N"));
        var abcNamespaces = new HashSet<string>(TypeConstructors.Keys.Select(NamespaceOf).Where(n => n.Length > 0).Select(Naming.Pascal));
        var functionNamespaces = new HashSet<string>(Functions.Select(f => Naming.Pascal(f.Namespace)).Where(n => n.Length > 0 && n != "N"));

        var taken = new HashSet<string>();
        foreach (var c in Constructors)
            DefinitionNames[c.Name] = Unique(Place("Types", c.Namespace, c.LocalName, typeNamespaces, "Constructor"), taken);
        foreach (var t in TypeConstructors.Keys)
            TypeNames[t] = Unique(Place("Abcs", NamespaceOf(t), LocalOf(t), abcNamespaces, "Base"), taken);
        foreach (var f in Functions)
            DefinitionNames[f.Name] = Unique(Place("Functions", f.Namespace, f.LocalName, functionNamespaces, "Function"), taken);
    }

    private (string, string) Place(string category, string tlNamespace, string local, HashSet<string> namespaces, string suffix)
    {
        var ns = Root + "." + category + (tlNamespace.Length > 0 ? "." + Naming.Pascal(tlNamespace) : "");
        var name = Naming.Pascal(local);
        if (tlNamespace.Length == 0 && namespaces.Contains(name))
            name += suffix;
        return (ns, name);
    }

    private static (string, string) Unique((string Ns, string Name) place, HashSet<string> taken)
    {
        var name = place.Name;
        for (var i = 2; !taken.Add(place.Ns + "." + name); i++)
            name = place.Name + i;
        return (place.Ns, name);
    }

    public static string NamespaceOf(string tlName) => tlName.IndexOf('.') is var i and >= 0 ? tlName.Substring(0, i) : "";

    public static string LocalOf(string tlName) => tlName.IndexOf('.') is var i and >= 0 ? tlName.Substring(i + 1) : tlName;

    /// <summary>The constructor a bare type reference names: <c>%Message</c> (a type with one constructor) or a lowercase constructor name.</summary>
    public TlDefinition? BareConstructor(TlTypeRef t)
    {
        if (ConstructorsByName.TryGetValue(t.Name, out var d))
            return d;
        if (TypeConstructors.TryGetValue(t.Name, out var list) && list.Count == 1)
            return list[0];
        return null;
    }

    public bool IsKnownType(string tlType) => TypeConstructors.ContainsKey(tlType);

    public static Exception Unresolved(TlTypeRef t, TlDefinition d) =>
        new InvalidOperationException($"{d.Name}: type '{t}' is not defined by the schema");
}
