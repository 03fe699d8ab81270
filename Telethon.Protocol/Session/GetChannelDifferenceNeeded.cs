using Telethon.Tl.Functions.Updates;
using Telethon.Tl.Types;
using InputChannelBase = Telethon.Tl.Abcs.InputChannel;

namespace Telethon.Session;

/// <summary>Send updates.getChannelDifference for the channel (built by <see cref="CreateRequest"/> with the
/// channel's access hash from the entity cache) and hand its result to <see cref="MessageBox.ApplyChannelDifference"/>
/// (or call <see cref="MessageBox.AbortChannelDifference"/> or <see cref="MessageBox.ForgetChannel"/> when it fails).</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="Pts">The local pts of the channel the difference starts from.</param>
/// <param name="Limit">How many updates to ask for at most.</param>
public sealed record GetChannelDifferenceNeeded(long ChannelId, int Pts, int Limit) : MessageBoxAction
{
    /// <summary>The request, with the given input channel (it has to be this channel) and an empty message filter.</summary>
    /// <param name="channel">The input channel, e.g. inputChannel with the access hash.</param>
    /// <param name="force">Whether to set <c>force</c> (skip some possibly unneeded updates).</param>
    public GetChannelDifference CreateRequest(InputChannelBase channel, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new GetChannelDifference
        {
            Force = force,
            Channel = channel,
            Filter = new ChannelMessagesFilterEmpty(),
            Pts = Pts,
            Limit = Limit,
        };
    }
}
