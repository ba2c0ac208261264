using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// Teams refuses messages over about 100 KB (413 MessageSizeTooBig). An outgoing activity whose cards would
/// exceed <see cref="MaxBytes"/> is sent as text instead (the card's fallbackText or the activity's summary),
/// so the user gets the content rather than an error.
/// </summary>
public sealed class MessageSizeMiddleware(int maxBytes = MessageSizeMiddleware.MaxBytes) : IMiddleware
{
    public const int MaxBytes = 80 * 1024;

    public Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        turn.OnSendActivities((_, activities, sendNext) =>
        {
            foreach (var activity in activities.Where(a => a.Attachments is { Count: > 0 }))
            {
                if (JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options).Length <= maxBytes) continue;
                var fallback = activity.Attachments!.Select(a => a.Content?["fallbackText"] is JsonValue text && text.TryGetValue<string>(out var value) ? value : null)
                    .FirstOrDefault(text => text is not null) ?? activity.Summary ?? "This message was too large to show as a card.";
                activity.Text = string.IsNullOrEmpty(activity.Text) ? fallback : $"{activity.Text}\n\n{fallback}";
                if (System.Text.Encoding.UTF8.GetByteCount(activity.Text) > maxBytes) activity.Text = activity.Text[..(maxBytes / 4)] + "…";
                activity.Attachments = null;
            }
            return sendNext();
        });
        return next(cancellationToken);
    }
}
