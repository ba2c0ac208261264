namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The optional questions on partnership readiness, asked after the assessment when the prospect wants tips: an
/// offer, then one question per habit of a team that works well with a development partner. Each answer only adds
/// a tip; none changes the recommendation. Part of <see cref="AssessmentQuestions.All"/>.
/// </summary>
public static class ReadinessQuestions
{
    public static readonly Question<bool> ReadinessOffer = new()
    {
        Answer = AnswerSlot.Of(a => a.WantsReadinessQuestions),
        Label = "Readiness questions",
        Text = "That's the core of it. Nine more quick questions on partnership readiness would let me add some practical tips. Shall we?",
        Help = "These questions never count against you; they only add tips to the recommendation. Say no to skip them.",
        Options =
        [
            new(true, "Sure", "yes", "y", "ok", "okay", "sure", "go ahead", "why not", "let s do it", "fine"),
            new(false, "Skip", "no", "n", "skip", "no thanks", "not now", "nope", "skip it"),
        ],
        Yes = true,
        No = false,
        Opposites = [(true, false)],
        Numbering = Numbering.None,
    };

    public static readonly Question<ReadinessLevel> KnowsCompetenciesAndGaps = Readiness(AnswerSlot.Of(a => a.KnowsCompetenciesAndGaps), "Knows strengths and gaps",
        "Does your team have a clear view of its core strengths and of the gaps a partner should fill?");

    public static readonly Question<ReadinessLevel> TeamsAligned = Readiness(AnswerSlot.Of(a => a.TeamsAligned), "Teams aligned",
        "Are leadership, the technical team and marketing aligned on the product and its goals?");

    public static readonly Question<ReadinessLevel> ClearProductVision = Readiness(AnswerSlot.Of(a => a.ClearProductVision), "Clear product vision",
        "Is there a clear product vision: who uses it, for what, and what success looks like?");

    public static readonly Question<ReadinessLevel> OpenToChallenge = Readiness(AnswerSlot.Of(a => a.OpenToChallenge), "Open to challenge",
        "Is the team open to having its assumptions challenged by a partner?");

    public static readonly Question<ReadinessLevel> CuriousAndOpen = Readiness(AnswerSlot.Of(a => a.CuriousAndOpen), "Curious and open",
        "Is the team curious about other applications or indications for the technology, and ready to change course on data and market feedback?");

    public static readonly Question<ReadinessLevel> ChallengesPartner = Readiness(AnswerSlot.Of(a => a.ChallengesPartner), "Challenges the partner",
        "Will your team question a partner's recommendations too, and talk disagreements through openly?");

    public static readonly Question<ReadinessLevel> BringsInSpecialists = Readiness(AnswerSlot.Of(a => a.BringsInSpecialists), "Brings in specialists",
        "When a problem needs expertise your team doesn't have, do you bring in specialists and focus on the biggest risks first?");

    public static readonly Question<ReadinessLevel> CalculatedRisk = Readiness(AnswerSlot.Of(a => a.CalculatedRisk), "Agreed on calculated risk",
        "Has the company agreed how mature the product must be at first sale, taking calculated risks without over-engineering or cutting corners?");

    public static readonly Question<ReadinessLevel> Ambitious = Readiness(AnswerSlot.Of(a => a.Ambitious), "Ambition and drive",
        "Does the team bring a big ambition for this product, and the drive to put a partner's expertise and resources behind it?");

    private static Question<ReadinessLevel> Readiness(AnswerSlot<ReadinessLevel?> answer, string label, string text) => new()
    {
        Answer = answer,
        Label = label,
        Text = text,
        Help = "Answer honestly; there are no wrong answers. Each answer only adds a tip.",
        Options =
        [
            new(ReadinessLevel.Yes, "Yes", "yes", "y", "definitely", "absolutely", "we do", "very clear", "same page", "exactly", "of course", "clear"),
            new(ReadinessLevel.Partly, "Partly", "partially", "somewhat", "sort of", "kind of", "mostly", "not fully", "a bit", "some"),
            new(ReadinessLevel.No, "Not really", "no", "n", "not yet", "not really", "nope", "disagree", "still figuring"),
        ],
        Yes = ReadinessLevel.Yes,
        No = ReadinessLevel.No,
        Opposites = [(ReadinessLevel.Yes, ReadinessLevel.No)],
        AppliesWhen = a => a.WantsReadinessQuestions == true,
        Numbering = Numbering.Readiness,
    };
}
