namespace Telethon.Tl.Layers;

/// <summary>An object cannot be written in the target layer: the layer lacks its constructor, or the field's type there cannot hold it.</summary>
public sealed class TlLayerConversionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TlLayerConversionException(string constructorName, int targetLayer, string reason)
        : base($"{constructorName} cannot be written in layer {targetLayer}: {reason}")
    {
        ConstructorName = constructorName;
        TargetLayer = targetLayer;
    }

    /// <summary>The TL name of the object that could not be converted.</summary>
    public string ConstructorName { get; }

    /// <summary>The layer it was to be written in.</summary>
    public int TargetLayer { get; }
}
