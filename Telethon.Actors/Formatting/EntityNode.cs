namespace Telethon.Formatting;

/// <summary>An entity with the entities nested inside it, as the generators walk them.</summary>
/// <param name="span">The entity; the root of a tree covers the whole text.</param>
internal sealed class EntityNode(EntitySpan span)
{
    /// <summary>The entity.</summary>
    public EntitySpan Span { get; } = span;

    /// <summary>The entities inside it, in text order, none overlapping another.</summary>
    public List<EntityNode> Children { get; } = [];
}
