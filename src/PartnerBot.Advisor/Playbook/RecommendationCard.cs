using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Playbook;

/// <summary>
/// Fills <c>cards/recommendation.json</c> and writes the plain-text version that goes with it, in the turn's
/// language. The recommendation itself is stored in English for sales; it is translated here, as it is shown.
/// </summary>
public static class RecommendationCard
{
    public const string CardName = "recommendation";

    /// <summary>Teams refuses messages over 100 KB; staying under 80 KB leaves room for the envelope.</summary>
    public const int MaxCardBytes = 80 * 1024;

    /// <param name="teams">Teams gets Action.Execute for "change an answer" (the card refreshes in place); others Action.Submit.</param>
    /// <param name="booking">A "book a call" button, when a calendar or a booking page is set up.</param>
    public static Activity ToActivity(Recommendation recommendation, CardLibrary cards, bool teams, bool booking = false)
    {
        var text = ToText(recommendation);
        var activity = Activity.CreateMessage(Texts.Say("Here is my recommendation."));
        activity.Summary = Texts.Say("Recommendation: {headline}", ("headline", Shown(recommendation.Headline)));
        var card = cards.Render(CardName, ToCardData(recommendation, text, teams, booking));
        if (System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) <= MaxCardBytes)
        {
            activity.Attachments = [Attachment.AdaptiveCard(card)];
        }
        else
        {
            // Too big for a card (very long answers): the text version carries everything.
            activity.Text = text;
        }
        return activity;
    }

    public static System.Text.Json.Nodes.JsonNode Render(Recommendation recommendation, CardLibrary cards, bool teams, bool booking = false) =>
        cards.Render(CardName, ToCardData(recommendation, ToText(recommendation), teams, booking));

    /// <summary>Said beside the confidence, the first time a prospect meets the word.</summary>
    public const string ConfidenceMeaning = "how firmly your answers point to this recommendation; \"not sure\" answers lower it";

    public static RecommendationCardData ToCardData(Recommendation r, string fallbackText, bool teams, bool booking = false) => new(
        Shown(r.Headline),
        Shown(r.Summary),
        Texts.Say("Confidence: {level} ({meaning})", ("level", Texts.Say(AdvisorPlaybook.Describe(r.Confidence))), ("meaning", Texts.Say(ConfidenceMeaning))),
        fallbackText,
        Enum.GetValues<LifecyclePhase>().Select(phase =>
        {
            var inScope = r.PhasesInScope.Contains(phase);
            return new PhaseCell(AdvisorPlaybook.Phases[phase].Code, Texts.Say(AdvisorPlaybook.Phases[phase].Name), inScope, phase == r.StartingPhase,
                inScope ? "accent" : "default", inScope ? "Accent" : "Default");
        }).ToList(),
        r.Services.Select(Item).ToList(),
        r.Risks.Select(Item).ToList(),
        r.Reasons.Select(Item).ToList(),
        r.Tips.Select(Item).ToList(),
        // "Step 1:" rather than "1.": Web Chat renders each "N." line as a new list that starts at 1.
        r.NextSteps.Select((step, i) => Texts.Say("Step {number}: {step}", ("number", i + 1), ("step", Shown(step)))).ToList(),
        teams,
        booking);

    /// <summary>A text of the recommendation as the prospect reads it: in English as stored, else translated (a text put together from a template too).</summary>
    private static string Shown(string english) => ActivityTranslator.Text(english, Language.Current) ?? english;

    /// <summary>A cited answer ("Design maturity: Design in progress") in the turn's language.</summary>
    private static string Cited(string answer)
    {
        if (Language.Current.IsEnglish) return answer;
        var cut = answer.IndexOf(": ", StringComparison.Ordinal);
        return cut < 0 ? Shown(answer) : Shown(answer[..cut]) + ": " + Texts.Answer(answer[(cut + 2)..]);
    }

    private static FindingItem Item(Finding finding) =>
        new(finding.Title is { } title ? Shown(title) : null, Shown(finding.Text), string.Join("; ", finding.Answers.Select(Cited)));

    /// <summary>The whole recommendation as text, for clients that show no cards and for the transcript.</summary>
    public static string ToText(Recommendation r)
    {
        var lines = new List<string>
        {
            Texts.Say("Recommendation: {headline} (confidence: {level}, {meaning})",
                ("headline", Shown(r.Headline)), ("level", Texts.Say(AdvisorPlaybook.Describe(r.Confidence))), ("meaning", Texts.Say(ConfidenceMeaning))),
            Shown(r.Summary),
            Texts.Say("Lifecycle: {phases} (start in brackets)",
                ("phases", string.Join(" > ", r.PhasesInScope.Select(p => p == r.StartingPhase ? $"[{AdvisorPlaybook.Phases[p].Code}]" : AdvisorPlaybook.Phases[p].Code)))),
        };
        lines.AddRange(r.Services.Select(service => Texts.Say("Service: {text}", ("text", Shown(service.Text))) + Based(service.Answers)));
        lines.AddRange(r.Risks.Select(risk => Texts.Say("Risk: {title}. {text}", ("title", Shown(risk.Title ?? "")), ("text", Shown(risk.Text))) + Based(risk.Answers)));
        lines.AddRange(r.Reasons.Select(reason => Texts.Say("Why: {text}", ("text", Shown(reason.Text))) + Based(reason.Answers)));
        lines.AddRange(r.Tips.Select(tip => Texts.Say("Tip: {text}", ("text", Shown(tip.Text))) + Based(tip.Answers)));
        lines.AddRange(r.NextSteps.Select((step, i) => Texts.Say("Next {number}: {step}", ("number", i + 1), ("step", Shown(step)))));
        return string.Join("\n", lines);

        static string Based(IReadOnlyList<string> answers) =>
            answers.Count > 0 ? " " + Texts.Say("(based on: {answers})", ("answers", string.Join("; ", answers.Select(Cited)))) : string.Empty;
    }
}
