using System.Text.Json;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;

namespace PartnerBot.Advisor;

/// <summary>Finds the prospect's answers on the dialog stack, wherever the conversation is.</summary>
public static class AdvisorSession
{
    /// <summary>
    /// The answers the innermost dialog holding them will carry on with: the assessment under way, an answer being
    /// changed, or the session's after the recommendation.
    /// </summary>
    public static Assessment? AssessmentOf(DialogContext dc)
    {
        for (var i = dc.Stack.Count - 1; i >= 0; i--)
        {
            if (Loaded(dc.Stack[i]) is { } assessment) return assessment;
        }
        return null;
    }

    /// <summary>
    /// The prospect gave their contact details: kept in the session and the answers under way. Agreeing to be contacted
    /// is consent to keep the conversation from now on.
    /// </summary>
    public static void KeepContact(DialogContext dc, Contact.ContactDetails contact)
    {
        if (AssessmentOf(dc) is { } assessment)
        {
            assessment.ConsentGiven = true;
            AdvisorTurn.Of(dc.Turn).Assessment = assessment;
        }
        if (SessionOf(dc) is { } session)
        {
            session.Contact = contact;
            session.Assessment.ConsentGiven = true;
            AdvisorTurn.Of(dc.Turn).Session = session;
        }
    }

    /// <summary>
    /// The conversation's language as kept with the innermost answers ("de"), and whether the prospect chose it;
    /// read from the stored state without loading the dialogs' state, since most turns never touch those frames.
    /// </summary>
    public static (string? Language, bool Chosen) LanguageOf(DialogContext dc)
    {
        for (var i = dc.Stack.Count - 1; i >= 0; i--)
        {
            if (Kept(dc.Stack[i]) is { } kept) return kept;
        }
        return (null, false);
    }

    /// <summary>
    /// Keeps the conversation's language with every copy of the answers on the stack (the innermost is the one sales
    /// get). A frame is loaded and written only when its language changes.
    /// </summary>
    public static void KeepLanguage(DialogContext dc, string language, bool chosen)
    {
        foreach (var instance in dc.Stack)
        {
            if (Kept(instance) is not { } kept || (kept.Language == language && kept.Chosen == chosen)) continue;
            var assessment = Loaded(instance)!;
            assessment.Language = language;
            assessment.LanguageChosen = chosen;
            if (ReferenceEquals(assessment, AssessmentOf(dc))) AdvisorTurn.Of(dc.Turn).Assessment = assessment;
        }
    }

    /// <summary>A frame's kept language: from its live answers when this turn loaded them, else from its stored JSON.</summary>
    private static (string? Language, bool Chosen)? Kept(DialogInstance instance)
    {
        var (live, stored) = instance.Id switch
        {
            nameof(AssessmentDialog) => (instance.LiveState<AssessmentDialog.Progress>()?.Values, Property(instance.State, "values")),
            nameof(ChangeAnswerDialog) => (instance.LiveState<WaterfallState<Assessment>>()?.Values, Property(instance.State, "values")),
            nameof(AdvisorDialog) => (instance.LiveState<WaterfallState<AdvisorState>>()?.Values.Assessment, Property(Property(instance.State, "values"), "assessment")),
            _ => (null, null),
        };
        if (live is not null) return (live.Language, live.LanguageChosen);
        if (instance.Id is not (nameof(AssessmentDialog) or nameof(ChangeAnswerDialog) or nameof(AdvisorDialog))) return null;
        var language = Property(stored, "language");
        return (language?.ValueKind == JsonValueKind.String ? language.Value.GetString() : null, Property(stored, "languageChosen")?.ValueKind == JsonValueKind.True);
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property) ? property : null;

    /// <summary>The answers a frame holds (loading its state), or null for a frame that holds none.</summary>
    private static Assessment? Loaded(DialogInstance instance) => instance.Id switch
    {
        nameof(AssessmentDialog) => instance.GetState<AssessmentDialog.Progress>().Values,
        nameof(ChangeAnswerDialog) => instance.GetState<WaterfallState<Assessment>>().Values,
        nameof(AdvisorDialog) => instance.GetState<WaterfallState<AdvisorState>>().Values.Assessment,
        _ => null,
    };

    /// <summary>The session of the advisor dialog at the bottom of the stack (answers, recommendation, contact), if it has begun.</summary>
    public static AdvisorState? SessionOf(DialogContext dc) =>
        dc.Stack.FirstOrDefault(i => i.Id == nameof(AdvisorDialog))?.GetState<WaterfallState<AdvisorState>>().Values;
}
