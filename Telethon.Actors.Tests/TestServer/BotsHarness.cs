using Telethon.TestServer.Rpc;
using Telethon.Tl;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

/// <summary>Bots and calls that wait on them, on a <see cref="WorldHarness"/>.</summary>
internal static class BotsHarness
{
    /// <summary>Registers a bot on DC 2 (with an inline placeholder unless null) and signs a new session in with its token.</summary>
    public static TestSession LoginBot(this WorldHarness h, string token, string name, string username, string? inlinePlaceholder = null)
    {
        var id = h.World.CreateBot(token, name, username, dc: 2);
        if (inlinePlaceholder is not null)
            h.World.SetBotInlinePlaceholder(id, inlinePlaceholder);
        var session = h.NewSession(2);
        Assert.IsType<T.Auth.Authorization>(h.Call(session, new TF.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = token }));
        session.UserId = id;
        return session;
    }

    /// <summary>Starts a call that waits on a bot: the outcome must be pending (the bot has not answered yet).</summary>
    public static Task<RpcOutcome> Start(this WorldHarness h, TestSession session, TlFunction function)
    {
        var outcome = h.Dispatcher.Invoke(session.Context, function);
        Assert.True(outcome.IsPending, $"{function.TlName} did not wait: {outcome}");
        return outcome.Pending!;
    }

    /// <summary>The result of a started call once it ends (written and read back with the function's codec); an rpc_error is thrown.</summary>
    public static async Task<TResult> ResultAsync<TResult>(Task<RpcOutcome> pending, TlFunction<TResult> function)
    {
        var outcome = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(outcome.IsPending);
        if (outcome.Error is { } error)
            throw error;
        var writer = new TlWriter(256);
        try
        {
            function.WriteResultObject(ref writer, outcome.Value);
            var reader = new TlReader(writer.WrittenSpan);
            var result = function.ReadResult(ref reader);
            Assert.Equal(0, reader.Remaining);
            return result;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>The rpc_error a started call ends with.</summary>
    public static async Task<RpcError> ErrorAsync(Task<RpcOutcome> pending)
    {
        var outcome = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(outcome.IsError, $"succeeded: {outcome}");
        return outcome.Error!;
    }

    /// <summary>The updates of type <typeparamref name="TUpdate"/> pushed to a session, in order.</summary>
    public static List<TUpdate> Pushed<TUpdate>(this TestSession session) =>
        [.. session.Sink.Pushes.OfType<T.UpdatesConstructor>().SelectMany(u => u.Updates).OfType<TUpdate>()];

    /// <summary>An inline keyboard of callback buttons, one row.</summary>
    public static T.ReplyInlineMarkup Callbacks(params (string Text, string Data)[] buttons) => new()
    {
        Rows = [new T.KeyboardButtonRow { Buttons = [.. buttons.Select(b => (Telethon.Tl.Abcs.KeyboardButton)new T.KeyboardButtonCallback { Text = b.Text, Data = System.Text.Encoding.UTF8.GetBytes(b.Data) })] }],
    };
}
