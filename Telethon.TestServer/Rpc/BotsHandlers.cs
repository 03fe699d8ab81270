using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Messages;
using TM = Telethon.Tl.Abcs.Messages;

namespace Telethon.TestServer.Rpc;

/// <summary>
/// messages.* of bot interaction: callback queries and inline mode. The user's side waits for the bot's answer
/// (<see cref="HandlerTable.AddAsync{TRequest, TResult}"/>); the bot's side answers it.
/// </summary>
internal static class BotsHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var bots = world.Bots;
        table.AddAsync<F.GetBotCallbackAnswer, TM.BotCallbackAnswer>(bots.GetBotCallbackAnswerAsync, HandlerAccess.UserAccount);
        table.Add<F.SetBotCallbackAnswer>(bots.SetBotCallbackAnswer, HandlerAccess.Account | HandlerAccess.BotsOnly);
        table.AddAsync<F.GetInlineBotResults, TM.BotResults>(bots.GetInlineBotResultsAsync, HandlerAccess.UserAccount);
        table.Add<F.SetInlineBotResults>(bots.SetInlineBotResults, HandlerAccess.Account | HandlerAccess.BotsOnly);
        table.Add<F.SendInlineBotResult>(bots.SendInlineBotResult, HandlerAccess.UserAccount);
    }
}
