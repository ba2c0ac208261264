using System.Globalization;
using System.Text;

namespace PartnerBot.BotFramework.Schema;

/// <summary>
/// Values that came from a request (channel ids, token headers, names), made safe to log: control characters
/// (which could forge log lines or hide text) are replaced and the length is capped.
/// </summary>
public static class LogValue
{
    public const int MaxLength = 128;

    public static string? Clean(string? value)
    {
        if (value is null) return null;
        if (value.Length <= MaxLength && !value.Any(IsUnsafe)) return value;

        var clean = new StringBuilder(Math.Min(value.Length, MaxLength + 1));
        foreach (var c in value)
        {
            if (clean.Length == MaxLength)
            {
                clean.Append('…');
                break;
            }
            clean.Append(IsUnsafe(c) ? '?' : c);
        }
        return clean.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
