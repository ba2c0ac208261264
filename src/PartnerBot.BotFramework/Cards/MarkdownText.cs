using System.Text;

namespace PartnerBot.BotFramework.Cards;

/// <summary>
/// Puts text someone else wrote (a prospect's name, company or message) into markdown that channels render (Web Chat,
/// Teams, Adaptive Card text blocks) so that it reads exactly as written: emphasis, links, code, HTML and a list or
/// heading at the start of a line are escaped, so "**Eve**" stays two asterisks and "[x](https://…)" is no link.
/// Ordinary punctuation (an e-mail address, "Ada (CEO)") is left as it is.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]<>~|";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Special.Contains(c) || lineStart && (c is '#' or '-' or '+' or '=' || char.IsDigit(c) && FollowedByListDot(text, i))) builder.Append('\\');
            builder.Append(c);
            lineStart = c == '\n' || lineStart && c == ' ';
        }
        return builder.ToString();
    }

    /// <summary>"1. " at the start of a line is an ordered list.</summary>
    private static bool FollowedByListDot(string text, int i)
    {
        var j = i;
        while (j < text.Length && char.IsDigit(text[j])) j++;
        return j < text.Length && text[j] is '.' or ')';
    }
}
