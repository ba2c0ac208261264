using System.Text.RegularExpressions;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// In Teams channels and group chats a message reaches the bot only when it @mentions it, and the text then
/// contains <c>&lt;at&gt;Bot&lt;/at&gt;</c>. The mention of the bot is removed before anything recognizes the text,
/// and a message there that mentions only other people is not for the bot and is left alone.
/// </summary>
public sealed partial class RemoveRecipientMentionMiddleware : IMiddleware
{
    public Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        if (activity.IsType(ActivityTypes.Message) && activity.Text is { Length: > 0 } text && activity.Recipient?.Id is { } botId)
        {
            var mentions = activity.GetMentions().ToList();
            var ofBot = mentions.Where(m => string.Equals(m.MentionedId, botId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mentions.Count > 0 && ofBot.Count == 0 && Dialogs.DialogStateKey.IsShared(activity)) return Task.CompletedTask;
            foreach (var mention in ofBot)
            {
                if (!string.IsNullOrEmpty(mention.Text)) text = text.Replace(mention.Text, " ", StringComparison.OrdinalIgnoreCase);
            }
            activity.Text = Whitespace().Replace(text, " ").Trim();
        }
        return next(cancellationToken);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
