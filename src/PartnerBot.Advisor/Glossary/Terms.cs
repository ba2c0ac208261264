using System.Text.RegularExpressions;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Glossary;

/// <summary>
/// The short glossary a prospect can ask at any point ("what is a notified body?"). The answer comes before
/// the question the prospect was on, which is then asked again.
/// </summary>
public static partial class Terms
{
    public static readonly IReadOnlyList<Term> All =
    [
        new("Notified body", ["notified body", "notified bodies", "nb"],
            "A notified body is an independent organization designated under the EU MDR to assess medical devices. It must review every device from class IIa up, and class I devices that are sterile, measure or are reusable surgical instruments, before the CE mark."),
        new("PMA", ["pma", "premarket approval", "pre market approval"],
            "PMA (premarket approval) is the FDA's most demanding review, required for most US class III devices; it normally includes clinical data."),
        new("510(k)", ["510k", "510 k", "premarket notification"],
            "A 510(k) is the FDA submission for most US class II devices: it shows that the device is substantially equivalent to one already legally on the market."),
        new("Design history file", ["design history file", "dhf"],
            "The design history file (DHF) is the record of how a medical device was designed: requirements, design reviews, verification and validation. A partner taking over or transferring a design starts from it."),
        new("Process validation", ["process validation"],
            "Process validation is the evidence that a production process consistently makes parts and devices that meet their specifications. It is done when production is set up, in design transfer."),
        new("Confidence", ["confidence"],
            "Confidence says how firmly your answers point to the recommended model. Each \"not sure\" answer lowers it; answering them may change the advice."),
        new("DFM/DFA", ["dfm", "dfa", "dfm dfa", "dfm/dfa", "design for manufacturing", "design for assembly"],
            "DFM/DFA (design for manufacturing and assembly) means shaping the design so that parts can be made and assembled reliably, at the planned cost and volume."),
        new("ISO 13485", ["iso 13485", "13485", "qms", "quality management system"],
            "ISO 13485 is the quality management standard for medical devices. Development and production of a device are run under such a certified quality management system (QMS)."),
        new("Verification and validation", ["v&v", "v and v", "verification", "validation", "verification and validation"],
            "Verification shows that the device meets its specified requirements (\"did we build it right?\"); validation shows that it meets the users' needs in real use (\"did we build the right thing?\"). A contract manufacturer expects both to be complete."),
        new("CDMO", ["cdmo"],
            "A CDMO (contract development and manufacturing organization) develops a device with you and then manufactures it: one partner from concept to production."),
        new("CMO", ["cmo"],
            "A CMO (contract manufacturing organization) manufactures a device that someone else has designed, once the design is finalized and validated."),
        new("Design transfer", ["design transfer"],
            "Design transfer turns a validated design into a production process: manufacturing documentation, industrialization and process validation."),
    ];

    /// <summary>The term a message asks about ("what is a PMA?", "what does DHF mean", "notified body?"), or null.</summary>
    public static Term? Asked(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80) return null;
        var normalized = ChoiceRecognizer.Normalize(text);
        var question = AskingPattern().IsMatch(normalized) || text.TrimEnd().EndsWith('?');
        if (!question) return null;
        return All.FirstOrDefault(term => term.Spellings.Any(s => ContainsWords(normalized, ChoiceRecognizer.Normalize(s))));
    }

    private static bool ContainsWords(string text, string words) =>
        Regex.IsMatch(text, $@"(^|\s){Regex.Escape(words)}($|\s)");

    [GeneratedRegex(@"^(what|whats|what s|explain|define|meaning of)\b|\bmean\b|\bstand for\b")]
    private static partial Regex AskingPattern();
}
