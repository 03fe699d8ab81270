using Telethon.Model;

namespace Telethon.Samples.MenuBot;

/// <summary>
/// What the scripted user receives from the bot, new messages and edits, in arrival order: the script waits for the one
/// it expects next, and messages it has not asked for yet stay until it does.
/// </summary>
internal sealed class Inbox
{
    private readonly List<(bool Edited, Message Message)> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Adds a message the user received.</summary>
    /// <param name="edited">Whether it is an edit of a message received before.</param>
    /// <param name="message">The message.</param>
    public void Add(bool edited, Message message)
    {
        TaskCompletionSource changed;
        lock (_items)
        {
            _items.Add((edited, message));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Takes the first received message that <paramref name="match"/> accepts, waiting up to
    /// <paramref name="timeout"/> for it.</summary>
    /// <param name="match">Whether a message (and whether it is an edit) is the one expected.</param>
    /// <param name="what">The message expected, in words, for the error.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="DemoStepException">Nothing matched in time; the message says what was expected.</exception>
    public async Task<Message> TakeAsync(Func<bool, Message, bool> match, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_items)
            {
                var index = _items.FindIndex(i => match(i.Edited, i.Message));
                if (index >= 0)
                {
                    var found = _items[index].Message;
                    _items.RemoveAt(index);
                    return found;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DemoStepException($"{what} did not arrive within {timeout.TotalSeconds:0} s");
            }
        }
    }
}
