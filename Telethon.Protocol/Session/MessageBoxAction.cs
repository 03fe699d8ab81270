namespace Telethon.Session;

/// <summary>Something the driver of a <see cref="MessageBox"/> has to do: a request to send or a loss to repair.</summary>
public abstract record MessageBoxAction;
