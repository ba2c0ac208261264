using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>One row of the sales list.</summary>
public sealed record LeadListItem(
    string Key,
    DateTimeOffset LastActivityAt,
    DateTimeOffset StartedAt,
    string Display,
    string? Company,
    string Channel,
    string ChannelId,
    string? ConversationType,
    string? Model,
    string? Phase,
    string Status,
    SalesPerson? Owner,
    string Consent,
    bool ContactRequested,
    string Progress,
    long Version);

/// <summary>One conversation as the conversation page shows it.</summary>
public sealed record LeadDetail(
    LeadListItem Lead,
    IReadOnlyList<LeadAnswer> Answers,
    JsonNode? Recommendation,
    JsonNode? RecommendationCard,
    JsonNode? Contact,
    FollowUp FollowUp,
    IReadOnlyList<TranscriptItem> Transcript,
    IReadOnlyList<string> UnansweredQuestions,
    LeadMeeting? Meeting = null,
    string Language = "English");

/// <summary>An answer with what the prospect typed for it, and how it was given (clicked, typed, confirmed, described).</summary>
public sealed record LeadAnswer(string Question, string Answer, string? Typed = null, string? How = null, bool Hedged = false);

/// <param name="Direction">"prospect", "bot", or "colleague" (someone from sales, chatting live, named in <paramref name="Author"/>).</param>
public sealed record TranscriptItem(string Direction, DateTimeOffset At, string? Text, IReadOnlyList<JsonNode> Cards, IReadOnlyList<string> Choices, string? Author = null);

public static class LeadViews
{
    public const string Anonymous = "anonymous";

    public static LeadListItem ListItem(ConversationRecord record) => new(
        SalesKeys.Encode(record.Id),
        record.LastActivityAt,
        record.StartedAt,
        record.Consent == Consent.Declined ? Anonymous : record.ContactName ?? record.UserName ?? Anonymous,
        record.Consent == Consent.Declined ? null : record.Company,
        SalesQuery.ChannelGroup(record.ChannelId),
        record.ChannelId,
        record.ConversationType,
        record.OutcomeModel,
        record.OutcomePhase,
        record.FollowUp.Status.ToString().ToLowerInvariant(),
        record.FollowUp.Owner,
        record.Consent.ToString().ToLowerInvariant(),
        record.ContactRequested,
        Progress(record),
        record.FollowUp.Version);

    public static string Progress(ConversationRecord record) =>
        record.Finished ? "finished" : record.QuestionsAnswered == 0 ? "not started" : $"dropped at question {record.QuestionsAnswered + 1}";

    public static LeadDetail Detail(ConversationRecord record, IReadOnlyList<TranscriptEntry> transcript)
    {
        var subject = transcript.Where(e => e.Subject == record.Id).ToList();
        var card = subject.Where(e => e.Direction == TranscriptDirection.Outbound)
            .Select(e => e.Activity)
            .LastOrDefault(IsRecommendationCard)
            ?.Attachments![0].Content;
        return new LeadDetail(
            ListItem(record),
            Answers(record),
            record.Outcome,
            card?.DeepClone(),
            record.Consent == Consent.Granted ? record.Contact : null,
            record.FollowUp,
            subject.Select(Item).ToList(),
            UnansweredQuestions(record).Select(q => q.Text).ToList(),
            record.Consent == Consent.Granted ? LeadMeeting.Of(record) : null,
            LanguageOf(record).EnglishName);
    }

    /// <summary>The language the prospect chatted in (the workspace shows everything else in English).</summary>
    public static Advisor.Languages.Language LanguageOf(ConversationRecord record) =>
        Advisor.Languages.Language.Find(record.Answers?["language"]?.GetValue<string>()) ?? Advisor.Languages.Language.English;

    /// <summary>The recommendation card, in whatever language the prospect read it: the one with the lifecycle rows.</summary>
    private static bool IsRecommendationCard(Activity activity) =>
        activity.Attachments is [{ Content: JsonObject card }, ..] && card["body"] is JsonArray body && body.Any(e => e?["id"]?.GetValue<string>() == "phase-PD");

    /// <summary>The answers in the questionnaire's words, in its order.</summary>
    public static List<LeadAnswer> Answers(ConversationRecord record)
    {
        if (record.Answers is null) return [];
        var assessment = record.Answers.Deserialize<Assessment>(BotJson.Options);
        if (assessment is null) return [];
        return AssessmentQuestions.All.Questions
            .Select(q => q.Describe(assessment) is { } answer
                ? record.Consent == Consent.Granted && assessment.SourceOf(q.Name) is { } source
                    ? new LeadAnswer(q.Label, answer, source.Typed, source.How.ToString().ToLowerInvariant(), source.Hedged)
                    : new LeadAnswer(q.Label, answer)
                : null)
            .OfType<LeadAnswer>()
            .ToList();
    }

    /// <summary>The questions the knowledge base could not answer, for sales to answer and the knowledge base to grow.</summary>
    public static IReadOnlyList<UnansweredQuestion> UnansweredQuestions(ConversationRecord record) =>
        record.Consent != Consent.Granted ? [] : record.Answers?.Deserialize<Assessment>(BotJson.Options)?.UnansweredQuestions ?? [];

    private static TranscriptItem Item(TranscriptEntry entry)
    {
        var activity = entry.Activity;
        // Only the bot's own cards are drawn: a card a client sent is the prospect's content (it could load images
        // from anywhere or imitate the bot), shown as text instead.
        var cards = entry.Direction == TranscriptDirection.Inbound ? [] : activity.Attachments?
            .Where(a => a.ContentType == Attachment.AdaptiveCardContentType && a.Content is not null)
            .Select(a => a.Content!.DeepClone())
            .ToList() ?? [];
        var choices = activity.SuggestedActions?.Actions?.Select(a => a.Title ?? a.Value?.ToString() ?? "").Where(t => t.Length > 0).ToList() ?? [];
        var text = activity.Text ?? (activity.Value is JsonNode value && activity.Type == ActivityTypes.Message ? Summarize(value) : null);
        if (entry.Direction == TranscriptDirection.Inbound && activity.Attachments is { Count: > 0 } sent)
        {
            text = string.Join("\n", new[] { text }.Concat(sent.Select(a => $"[attachment {a.ContentType}: {a.Content?.ToJsonString() ?? a.ContentUrl}]")).OfType<string>());
        }
        if (entry.Direction == TranscriptDirection.Outbound && activity.From?.Role == "colleague")
        {
            return new TranscriptItem("colleague", entry.LoggedAt, text, [], [], activity.From.Name ?? "A colleague");
        }
        return new TranscriptItem(entry.Direction == TranscriptDirection.Inbound ? "prospect" : "bot", entry.LoggedAt, text, cards, choices);
    }

    /// <summary>A card submission (the contact form) as the fields the prospect filled in.</summary>
    private static string Summarize(JsonNode value) => value is JsonObject fields
        ? string.Join(", ", fields.Where(f => f.Value is JsonValue).Select(f => $"{f.Key}: {f.Value}"))
        : value.ToJsonString();
}
