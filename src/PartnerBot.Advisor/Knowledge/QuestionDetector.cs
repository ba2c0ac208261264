using System.Text.RegularExpressions;

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
        if (Asking().IsMatch(trimmed)) return true;
        var words = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return trimmed.EndsWith('?') && words >= 3 || AfterComma().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^(what|what's|whats|wat|waht|how|why|when|where|who|whom|which|is|are|does|do|did|can|could|should|would|will|explain|define|tell me|difference|meaning of|what does|any idea what)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asking();

    [GeneratedRegex(@",\s*(which|what|how|why|who)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AfterComma();
}
