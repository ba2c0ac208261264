using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>Observes (and may veto by not calling <c>next</c>) activities on their way out of a turn.</summary>
public delegate Task SendActivitiesHandler(TurnContext turn, IReadOnlyList<Activity> activities, Func<Task> next);
