using System.Text;

namespace PartnerBot.BotFramework.Cards;

/// <summary>
/// Puts text someone else wrote (a prospect's name, say) into markdown that channels render (Web Chat, Teams) so
/// that it reads exactly as written: emphasis, links, code, HTML and entities, and a list or heading at the start of
/// a line, are escaped, so "**Eve**" stays two asterisks and "[x](https://…)" is no link. Ordinary punctuation (an
/// e-mail address, "Ada (CEO)", "1.5 t") is left as it is.
/// </summary>
public static class MarkdownText
{
    private const string Special = "\\`*_[]<>~|&";

    /// <param name="atLineStart">False when the text goes in the middle of a line ("Thank you, {name}."): a "-" or "#"
    /// it starts with is no list or heading there.</param>
    public static string Escape(string? text, bool atLineStart = true)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var builder = new StringBuilder(text.Length + 8);
        // True while only spaces have come since the line began.
        var lineStart = atLineStart;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Special.Contains(c) || lineStart && c is '#' or '-' or '+' or '=' || c is '.' or ')' && EndsListNumber(text, i, atLineStart)) builder.Append('\\');
            builder.Append(c);
            // A lone "\r" ends a line for markdown as "\n" does.
            if (c is '\n' or '\r') lineStart = true;
            else if (c != ' ') lineStart = false;
        }
        return builder.ToString();
    }

    /// <summary>"1. x" or "2) x" at the start of a line is an ordered list: true for its "." or ")".</summary>
    private static bool EndsListNumber(string text, int i, bool atLineStart)
    {
        var j = i - 1;
        while (j >= 0 && char.IsDigit(text[j])) j--;
        if (j == i - 1) return false;
        while (j >= 0 && text[j] == ' ') j--;
        var startsLine = j < 0 ? atLineStart : text[j] is '\n' or '\r';
        var next = i + 1 < text.Length ? text[i + 1] : '\n';
        return startsLine && next is ' ' or '\t' or '\n' or '\r';
    }
}
