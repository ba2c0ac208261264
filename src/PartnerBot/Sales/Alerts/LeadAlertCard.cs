using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Alerts;

/// <summary>
/// The alert a sales channel gets for a ready lead (<c>cards/lead-alert.json</c>, Adaptive Card 1.5): who, what the
/// advisor recommended and the top risks, how to reach them (only with consent), where they came from, a link to the
/// conversation in the workspace and, until someone has it, "I'll take it" (Action.Execute).
/// </summary>
public static class LeadAlertCard
{
    public const string CardName = "lead-alert";
    public const string ClaimVerb = "claimLead";
    public const string JoinVerb = "joinChat";
    public const string EndVerb = "endChat";

    private static readonly Dictionary<string, string> Models = new(StringComparer.Ordinal)
    {
        ["Cdmo"] = "CDMO (development and manufacturing)",
        ["Cmo"] = "CMO (manufacturing)",
        ["CdmoThenCmo"] = "CDMO, then CMO",
    };

    private static readonly Dictionary<string, string> Phases = new(StringComparer.Ordinal)
    {
        ["ProductDefinition"] = "PD – Product Definition",
        ["DesignAndDevelopment"] = "DD – Design & Development",
        ["DesignTransfer"] = "DT – Design Transfer",
        ["ContractManufacturing"] = "CM – Contract Manufacturing",
    };

    public static Activity ToActivity(ConversationRecord record, string alertId, string workspaceUrl, CardLibrary cards, LiveChat? chat = null)
    {
        var data = Data(record, alertId, workspaceUrl, chat);
        var activity = Activity.CreateMessage(null);
        activity.Summary = data.FallbackText;
        activity.Attachments = [Attachment.AdaptiveCard(cards.Render(CardName, data))];
        return activity;
    }

    public static JsonNode Render(ConversationRecord record, string alertId, string workspaceUrl, CardLibrary cards, LiveChat? chat = null) =>
        cards.Render(CardName, Data(record, alertId, workspaceUrl, chat));

    public sealed record Fact(string Title, string Value);

    public sealed record RiskLine(string Title);

    public sealed record CardData(string FallbackText, string Headline, string Who, IReadOnlyList<Fact> Facts, bool HasRisks, IReadOnlyList<RiskLine> Risks,
        bool Claimed, string ClaimedText, string WorkspaceUrl, string AlertId,
        bool HasLiveChat = false, string LiveChatText = "", string LiveChatColor = "Default", bool CanJoin = false, bool CanEnd = false);

    /// <param name="chat">The lead's live chat, if they asked for one: the card says where it stands and offers Join or End.</param>
    public static CardData Data(ConversationRecord record, string alertId, string workspaceUrl, LiveChat? chat = null)
    {
        var consented = record.Consent == Consent.Granted;
        // What the prospect wrote goes into text runs (cards/lead-alert.json), which no client renders as markdown.
        var name = consented ? record.ContactName ?? record.UserName ?? "A prospect" : "A prospect";
        var who = consented && record.Company is { } company ? $"{name}, {company}" : name;
        var headline = record.ContactRequested ? "New lead: asked to talk to an expert" : "New lead: finished the assessment";
        var facts = new List<Fact>();
        if (Recommended(record) is { } recommended) facts.Add(new Fact("Recommended", recommended));
        if (consented && record.Contact is JsonObject contact)
        {
            if (Text(contact, "email") is { } email) facts.Add(new Fact("E-mail", email));
            if (Text(contact, "phone") is { Length: > 0 } phone) facts.Add(new Fact("Phone", phone));
            if (Text(contact, "message") is { Length: > 0 } message) facts.Add(new Fact("Message", message.Length > 300 ? message[..300] + "…" : message));
        }
        if (consented && LeadMeeting.Of(record) is { } meeting)
        {
            facts.Add(new Fact("Call", meeting.Cancelled ? $"{meeting.StartUtc}, cancelled by the prospect" : $"{meeting.StartUtc}, booked in the chat"));
            if (!meeting.Cancelled) headline = "New lead: booked a call with an expert";
        }
        facts.Add(new Fact("Came from", CameFrom(record)));
        // The alert stays in English; a colleague who joins the chat should know which language the prospect reads.
        if (Workspace.LeadViews.LanguageOf(record) is { IsEnglish: false } language) facts.Add(new Fact("Language", $"{language.EnglishName} (the prospect chats in {language.NativeName})"));
        var risks = (record.Outcome?["risks"] as JsonArray ?? []).Select(r => r?["title"]?.GetValue<string>()).OfType<string>().Take(3).Select(t => new RiskLine(t)).ToList();
        var owner = record.FollowUp.Owner;
        if (chat is { Status: LiveChatStatus.Waiting }) headline = "Live chat: a prospect is waiting for someone to join";
        var live = chat is null ? null : LiveChatLine(chat, consented ? PartnerBot.Handoff.LiveChatDesk.Prospect(chat) : name);
        return new CardData(
            $"{headline}: {who}.",
            headline,
            who,
            facts,
            risks.Count > 0,
            risks,
            owner is not null && chat is not { Status: LiveChatStatus.Waiting or LiveChatStatus.Joined },
            owner is null ? "" : $"{owner.Name} has this lead.",
            workspaceUrl,
            alertId,
            live is not null,
            live?.Text ?? "",
            live?.Color ?? "Default",
            chat is { Status: LiveChatStatus.Waiting },
            chat is { Status: LiveChatStatus.Joined });
    }

    /// <summary>"Teams", "Website", or the channel's own id.</summary>
    public static string CameFrom(ConversationRecord record) =>
        SalesQuery.ChannelGroup(record.ChannelId) switch { "teams" => "Teams", "web" => "Website", _ => record.ChannelId };

    /// <summary>"CDMO, then CMO, starting at DD – Design &amp; Development": the recommendation as sales read it.</summary>
    public static string? Recommended(ConversationRecord record)
    {
        if (record.OutcomeModel is not { } model) return null;
        var recommended = Models.GetValueOrDefault(model, model);
        return record.OutcomePhase is { } phase ? recommended + ", starting at " + Phases.GetValueOrDefault(phase, phase) : recommended;
    }

    /// <summary>Where the live chat stands, in one line (times in UTC: the card is the same for everyone in the channel).</summary>
    private static (string Text, string Color)? LiveChatLine(LiveChat chat, string prospect)
    {
        static string At(DateTimeOffset? time) => (time ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
        return chat.Status switch
        {
            LiveChatStatus.Waiting => ($"{prospect} is waiting to chat live (asked at {At(chat.RequestedAt)}).", "Attention"),
            LiveChatStatus.Joined => ($"{chat.Agent?.Name ?? "A colleague"} is chatting with {prospect}.", "Good"),
            LiveChatStatus.Ended when chat.Agent is not null => ($"{chat.Agent.Name} chatted with {prospect}; ended by {chat.EndedBy ?? "someone"} at {At(chat.EndedAt)}.", "Default"),
            LiveChatStatus.Ended => ($"{prospect} gave up waiting at {At(chat.EndedAt)}.", "Warning"),
            LiveChatStatus.NobodyCame => ($"Nobody joined in time; {prospect} was offered the contact form at {At(chat.EndedAt)}.", "Warning"),
            _ => null,
        };
    }

    private static string? Text(JsonObject contact, string name) => contact[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
