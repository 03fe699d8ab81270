namespace Telethon.Samples.MenuBot;

/// <summary>A step of the scripted demo did not happen as expected.</summary>
public sealed class DemoStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was expected and did not happen.</param>
    public DemoStepException(string message)
        : base(message)
    {
    }
}
