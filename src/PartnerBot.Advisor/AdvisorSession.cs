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
            var instance = dc.Stack[i];
            switch (instance.Id)
            {
                case nameof(AssessmentDialog):
                    return instance.GetState<AssessmentDialog.Progress>().Values;
                case nameof(ChangeAnswerDialog):
                    return instance.GetState<WaterfallState<Assessment>>().Values;
                case nameof(AdvisorDialog):
                    return instance.GetState<WaterfallState<AdvisorState>>().Values.Assessment;
            }
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

    /// <summary>Keeps the conversation's language with every copy of the answers on the stack (the innermost is the one sales get).</summary>
    public static void KeepLanguage(DialogContext dc, string language, bool chosen)
    {
        foreach (var instance in dc.Stack)
        {
            var assessment = instance.Id switch
            {
                nameof(AssessmentDialog) => instance.GetState<AssessmentDialog.Progress>().Values,
                nameof(ChangeAnswerDialog) => instance.GetState<WaterfallState<Assessment>>().Values,
                nameof(AdvisorDialog) => instance.GetState<WaterfallState<AdvisorState>>().Values.Assessment,
                _ => null,
            };
            if (assessment is null || (assessment.Language == language && assessment.LanguageChosen == chosen)) continue;
            assessment.Language = language;
            assessment.LanguageChosen = chosen;
            if (ReferenceEquals(assessment, AssessmentOf(dc))) AdvisorTurn.Of(dc.Turn).Assessment = assessment;
        }
    }

    /// <summary>The session of the advisor dialog at the bottom of the stack (answers, recommendation, contact), if it has begun.</summary>
    public static AdvisorState? SessionOf(DialogContext dc) =>
        dc.Stack.FirstOrDefault(i => i.Id == nameof(AdvisorDialog))?.GetState<WaterfallState<AdvisorState>>().Values;
}
