namespace PartnerBot.Advisor.Questionnaire;

/// <summary>
/// The name of a question. Code refers to questions through these typed names (rules cite them, dialogs ask
/// them); the text is only what is stored in dialog state and shown in the sales record.
/// </summary>
public sealed record QuestionId(string Name)
{
    public static readonly QuestionId Organization = new("organization");
    public static readonly QuestionId Maturity = new("maturity");
    public static readonly QuestionId CurrentNeed = new("currentNeed");
    public static readonly QuestionId Markets = new("markets");
    public static readonly QuestionId EuClass = new("euClass");
    public static readonly QuestionId UsClass = new("usClass");
    public static readonly QuestionId RegulatoryStrategy = new("regulatoryStrategy");
    public static readonly QuestionId Qms = new("qms");
    public static readonly QuestionId Specifications = new("specifications");
    public static readonly QuestionId DesignOwner = new("designOwner");
    public static readonly QuestionId ManufacturabilityReview = new("manufacturabilityReview");
    public static readonly QuestionId Capabilities = new("capabilities");
    public static readonly QuestionId HasElectronics = new("hasElectronics");
    public static readonly QuestionId Priority = new("priority");
    public static readonly QuestionId Volume = new("volume");
    public static readonly QuestionId Launch = new("launch");
    public static readonly QuestionId Location = new("location");
    public static readonly QuestionId ReadinessOffer = new("readinessOffer");
    public static readonly QuestionId KnowsGaps = new("knowsGaps");
    public static readonly QuestionId TeamsAligned = new("teamsAligned");
    public static readonly QuestionId ProductVision = new("productVision");
    public static readonly QuestionId OpenToChallenge = new("openToChallenge");
    public static readonly QuestionId BringsInSpecialists = new("bringsInSpecialists");
    public static readonly QuestionId CalculatedRisk = new("calculatedRisk");

    public override string ToString() => Name;
}
