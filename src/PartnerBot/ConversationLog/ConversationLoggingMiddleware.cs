using IMiddleware = PartnerBot.BotFramework.Builder.IMiddleware;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.DirectLine;
using PartnerBot.Sales.Alerts;
using PartnerBot.Storage;
using PartnerBot.Telemetry;

namespace PartnerBot.ConversationLog;

/// <summary>
/// Logs every inbound and outbound activity to the transcript and keeps the conversation record for sales up
/// to date. The inbound activity is written before the bot runs, so a crash cannot lose what the user said.
/// When the prospect declines consent, everything stored so far about them is redacted, and later activities
/// are stored redacted.
/// </summary>
public sealed partial class ConversationLoggingMiddleware(
    ITranscriptStore transcripts, IConversationRecords records, IDirectLineLog directLine, TranscriptRedactor redactor, LeadAlertQueue alerts,
    PartnerBot.Webhooks.WebhookEvents webhooks, TimeProvider clock,
    ILogger<ConversationLoggingMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(TurnContext turn, NextDelegate next, CancellationToken cancellationToken)
    {
        // Appending serializes the activity at once, before later middleware (mention removal) touches it.
        var inbound = turn.Activity;
        var conversationId = inbound.Conversation!.Id!;
        var subject = DialogStateKey.For(inbound);
        var existing = await records.GetForTurnAsync(subject, cancellationToken);
        var declined = existing?.Consent == Consent.Declined;

        await transcripts.AppendAsync([Entry(inbound, TranscriptDirection.Inbound, declined)], cancellationToken);

        var outbound = new List<Activity>();
        turn.OnSendActivities(async (_, activities, sendNext) =>
        {
            lock (outbound) outbound.AddRange(activities.Where(a => !a.IsType(ActivityTypes.Typing)));
            await sendNext();
        });

        var duplicate = false;
        var stopped = false;
        try
        {
            await next(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A shutdown stopped the turn: what the prospect said is logged; its replies and record come with the retry.
            stopped = true;
            throw;
        }
        catch (Exception exception) when (exception is DuplicateActivityException or DuplicateCheckFailedException)
        {
            // An earlier turn handled this activity and logged everything (or may have: the channel retries); this
            // one leaves no trace.
            duplicate = true;
            throw;
        }
        finally
        {
            if (!duplicate && !stopped) await LogTurnAsync();
        }

        async Task LogTurnAsync()
        {
            var advisor = AdvisorTurn.Of(turn);
            var session = advisor.Session;
            var assessment = advisor.Answers;
            var consent = assessment?.ConsentGiven switch { true => Consent.Granted, false => Consent.Declined, null => existing?.Consent ?? Consent.Unknown };
            if (consent == Consent.Declined && !declined)
            {
                await transcripts.RedactAsync(conversationId, subject, redactor.Redact, CancellationToken.None);
                declined = true;
            }

            List<Activity> sent;
            lock (outbound) sent = outbound.ToList();
            var replies = sent.Select(a => Entry(a, TranscriptDirection.Outbound, declined)).ToList();
            // With a ledger, the replies and the record go with the turn's final result (one transaction on Table
            // storage); the inbound activity was written before the bot ran, so nothing the prospect said waits on this.
            if (turn.RecordsResult) turn.WriteWithResult(new TranscriptAppend(replies));
            else await transcripts.AppendAsync(replies, CancellationToken.None);

            if (declined && string.Equals(inbound.ChannelId, Channels.DirectLine, StringComparison.OrdinalIgnoreCase))
            {
                // The embedded Direct Line keeps its own copy of the conversation for the page; it is redacted too,
                // after each turn, since the turn's own messages were logged there while it ran.
                await directLine.RedactAsync(conversationId, redactor.Redact, id => redactor.HashUserId(id)!, CancellationToken.None);
            }

            if (ShouldKeepRecord(inbound, sent, existing))
            {
                var record = UpdateRecord(existing, inbound, subject, consent, assessment, session);
                if (turn.RecordsResult)
                {
                    turn.WriteWithResult(new RecordSave(record));
                    turn.AfterResult(_ => RecordSavedAsync(existing, record));
                }
                else
                {
                    await records.SaveFromTurnAsync(record, CancellationToken.None);
                    await RecordSavedAsync(existing, record);
                }
            }
        }

        TranscriptEntry Entry(Activity activity, TranscriptDirection direction, bool redact) =>
            new(conversationId, subject, direction, clock.GetUtcNow(), redact ? redactor.Redact(activity) : activity);
    }

    /// <summary>
    /// Once the record is stored: the lead's counters, and its alerts go to the outbox, in the same store. The
    /// prospect's turn is complete by now: a failure here is the sales team's, logged, never an apology to the prospect.
    /// </summary>
    private async Task RecordSavedAsync(ConversationRecord? before, ConversationRecord after)
    {
        CountLeadEvents(before, after);
        try
        {
            await alerts.OnSavedAsync(before, after, CancellationToken.None);
        }
        catch (Exception exception) when (exception is StorageUnavailableException or OperationCanceledException)
        {
            LogAlertNotQueued(logger, exception, LogValue.Clean(after.Id)!);
        }
        try
        {
            await webhooks.OnRecordSavedAsync(before, after, CancellationToken.None);
        }
        catch (Exception exception) when (exception is StorageUnavailableException or OperationCanceledException)
        {
            LogWebhookNotQueued(logger, exception, LogValue.Clean(after.Id)!);
        }
    }

    private static void CountLeadEvents(ConversationRecord? before, ConversationRecord after)
    {
        var channel = BotTelemetry.Channel(after.ChannelId);
        if (before?.Outcome is null && after.Outcome is not null)
        {
            PartnerBotTelemetry.Leads.Add(1, new System.Diagnostics.TagList { { "partnerbot.lead.event", PartnerBotTelemetry.LeadEvents.AssessmentFinished }, { "bot.channel", channel }, { "partnerbot.consent", after.Consent.ToString() } });
        }
        if (before?.Contact is null && after.Contact is not null)
        {
            PartnerBotTelemetry.Leads.Add(1, new System.Diagnostics.TagList { { "partnerbot.lead.event", PartnerBotTelemetry.LeadEvents.ContactRequested }, { "bot.channel", channel }, { "partnerbot.consent", after.Consent.ToString() } });
        }
    }

    /// <summary>Typing, reactions and other noise do not open a conversation record on their own.</summary>
    private static bool ShouldKeepRecord(Activity inbound, List<Activity> sent, ConversationRecord? existing) =>
        existing is not null || inbound.IsType(ActivityTypes.Message) || sent.Count > 0;

    private ConversationRecord UpdateRecord(ConversationRecord? existing, Activity inbound, string subject, Consent consent, Assessment? assessment, AdvisorState? session)
    {
        var now = clock.GetUtcNow();
        var declined = consent == Consent.Declined;
        var userId = inbound.From?.Role == "bot" ? existing?.UserId : inbound.From?.Id ?? existing?.UserId;
        return new ConversationRecord
        {
            Id = subject,
            ConversationId = inbound.Conversation!.Id!,
            ChannelId = inbound.ChannelId ?? "unknown",
            ConversationType = inbound.Conversation.ConversationType ?? existing?.ConversationType ?? (inbound.Conversation.IsGroup == true ? "group" : "personal"),
            TenantId = inbound.Conversation.TenantId ?? existing?.TenantId,
            UserId = declined ? redactor.HashUserId(userId) : userId,
            UserName = declined ? null : inbound.From?.Name ?? existing?.UserName,
            StartedAt = existing?.StartedAt ?? now,
            LastActivityAt = now,
            MessageCount = (existing?.MessageCount ?? 0) + (inbound.IsType(ActivityTypes.Message) ? 1 : 0),
            Consent = consent,
            Answers = assessment is null ? existing?.Answers : JsonSerializer.SerializeToNode(assessment, BotJson.Options),
            Outcome = session?.Recommendation is { } recommendation ? JsonSerializer.SerializeToNode(recommendation, BotJson.Options) : existing?.Outcome,
            OutcomeModel = session?.Recommendation?.Model.ToString() ?? existing?.OutcomeModel,
            Contact = declined ? null : session?.Contact is { } contact ? JsonSerializer.SerializeToNode(contact, BotJson.Options) : existing?.Contact,
            OutcomePhase = session?.Recommendation?.StartingPhase.ToString() ?? existing?.OutcomePhase,
            Company = declined ? null : session?.Contact?.Company ?? existing?.Company,
            Email = declined ? null : session?.Contact?.Email ?? existing?.Email,
            ContactName = declined ? null : session?.Contact?.Name ?? existing?.ContactName,
            QuestionsAnswered = assessment is null ? existing?.QuestionsAnswered ?? 0 : AssessmentQuestions.All.Questions.Count(q => q.Numbering == Numbering.Main && q.IsAnswered(assessment)),
            Finished = assessment?.Completed ?? existing?.Finished ?? false,
            Meeting = declined ? null : session?.Meeting is { } meeting ? JsonSerializer.SerializeToNode(meeting, BotJson.Options) : existing?.Meeting,
            ConversationReference = declined ? null : JsonSerializer.SerializeToNode(inbound.GetConversationReference(), BotJson.Options),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhooks of {RecordId} could not be queued; the lead is in the sales workspace")]
    private static partial void LogWebhookNotQueued(ILogger logger, Exception exception, string recordId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The lead alerts of {RecordId} could not be queued; the lead is in the sales workspace")]
    private static partial void LogAlertNotQueued(ILogger logger, Exception exception, string recordId);
}
