using Microsoft.Extensions.Logging;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor;

/// <summary>
/// The advisor's turn logic: messages drive the dialogs; a new member, an installation or Web Chat's join
/// event starts the assessment with a greeting (once: not while an assessment is under way); every other
/// activity type is acknowledged and ignored.
/// </summary>
public sealed partial class AdvisorBot(DialogManager dialogs, ILogger<AdvisorBot> logger) : IBot
{
    public const string WebChatJoinEvent = "webchat/join";

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await dialogs.OnTurnAsync(turn, cancellationToken);
                break;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true:
            case ActivityTypes.InstallationUpdate when activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true:
            case ActivityTypes.Event when string.Equals(activity.Name, WebChatJoinEvent, StringComparison.Ordinal):
                await GreetAsync(turn, cancellationToken);
                break;
            default:
                LogIgnored(logger, activity.Type, activity.Name);
                break;
        }
    }

    private Task GreetAsync(TurnContext turn, CancellationToken cancellationToken) =>
        dialogs.RunAsync(turn, async (dc, ct) =>
            dc.ActiveDialog is null
                ? await dc.BeginDialogAsync(nameof(AdvisorDialog), null, ct)
                : DialogTurnResult.EndOfTurn,
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring activity of type {ActivityType} (name {ActivityName})")]
    private static partial void LogIgnored(ILogger logger, string? activityType, string? activityName);
}
