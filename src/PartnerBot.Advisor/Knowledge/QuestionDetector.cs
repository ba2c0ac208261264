using System.Text.RegularExpressions;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Advisor.Knowledge;

/// <summary>
/// Tells a question the prospect asks ("what is design transfer?", "difference between verification and
/// validation", "cdmo or cmo, which one fits us") from an answer that merely ends with a question mark ("IIa?").
/// </summary>
public static partial class QuestionDetector
{
    public static bool IsQuestion(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300) return false;
        var trimmed = text.Trim();
        if (Asking().IsMatch(trimmed) || LanguagePhrases.Says("QuestionDetector.Asking", trimmed, LanguagePhrases.Where.Start)
            || LanguagePhrases.Says("QuestionDetector.Explaining", trimmed, LanguagePhrases.Where.Start)) return true;
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return trimmed.EndsWith('?') && words >= 3 || AfterComma().IsMatch(trimmed);
    }

    /// <summary>
    /// A request for an explanation ("what does design transfer mean?", "what is a CDMO", "explain V&amp;V"): never an
    /// answer, even when it names an option of the question waiting, unlike "is it IIa? probably".
    /// </summary>
    public static bool AsksForExplanation(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 300
        && (Explaining().IsMatch(text.Trim()) || LanguagePhrases.Says("QuestionDetector.Explaining", text, LanguagePhrases.Where.Start));

    [GeneratedRegex(@"^(what\s+(is|are|does|do|s)\b|what's|whats|explain|define|meaning of|tell me (about|what)|difference between|how\s+(does|do|is|are)\b|why\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Explaining();

    /// <summary>
    /// A question word, or an auxiliary followed by its subject ("do you…", "is a 510(k)…", "can we…"): "do not know",
    /// "could be IIa" and "will launch in 2027" are answers.
    /// </summary>
    [GeneratedRegex(@"^(what|what's|whats|wat|waht|how|why|when|where|who|whom|which|explain|define|tell me|difference|meaning of|any idea what)\b|^(is|are|does|do|did|can|could|should|would|will|must|may)\s+(you|i|we|they|it|this|that|there|my|our|your|the|a|an|all|every|each|class|iso|fda|mdr|ce|510k|510\(k\)|pma|de\s+novo|verification|validation|design|a\s+cdmo|cdmo|cmo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asking();

    [GeneratedRegex(@",\s*(which|what|how|why|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AfterComma();
}
