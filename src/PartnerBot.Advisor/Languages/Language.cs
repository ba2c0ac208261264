using System.Text;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// A language the advisor speaks: English, German or French. The prospect reads everything in the conversation's
/// language; what is stored (answers by meaning, the recommendation, the sales record) stays language-neutral or
/// English, because sales read English. The texts are written in English in the code, where they are declared once;
/// each other language has a catalog (<c>Languages/{code}.texts.json</c>) keyed by that English text, and its own
/// words for reading typed answers (<c>Languages/{code}.understanding.json</c>). The language of the turn under way is
/// <see cref="Current"/>; it flows with the turn's async calls, like a culture.
/// </summary>
public sealed class Language
{
    private static readonly AsyncLocal<Language?> Ambient = new();

    public static Language English { get; } = new("en", "en-US", "English", "English", LanguageCatalog.English);
    public static Language German { get; } = new("de", "de-DE", "German", "Deutsch", LanguageCatalog.Load("de"));
    public static Language French { get; } = new("fr", "fr-FR", "French", "Français", LanguageCatalog.Load("fr"));

    public static IReadOnlyList<Language> All { get; } = [English, German, French];

    private Language(string code, string locale, string englishName, string nativeName, LanguageCatalog catalog)
    {
        Code = code;
        Locale = locale;
        EnglishName = englishName;
        NativeName = nativeName;
        Catalog = catalog;
    }

    /// <summary>The ISO 639-1 code ("de"), as stored with the conversation and sent to Web Chat.</summary>
    public string Code { get; }

    /// <summary>The locale a client is given when only the language is known ("de-DE").</summary>
    public string Locale { get; }

    /// <summary>The language's name in English, for sales ("German").</summary>
    public string EnglishName { get; }

    /// <summary>The language's name in itself, for the prospect ("Deutsch").</summary>
    public string NativeName { get; }

    public LanguageCatalog Catalog { get; }

    public bool IsEnglish => ReferenceEquals(this, English);

    /// <summary>The language of the turn under way; English outside a turn.</summary>
    public static Language Current
    {
        get => Ambient.Value ?? English;
        set => Ambient.Value = value;
    }

    /// <summary>
    /// A translation was missing: the English text was shown instead. Tests fail on it; the host logs it as a
    /// warning, so that production never falls back without a trace.
    /// </summary>
    public static event Action<Language, string>? MissingTranslation;

    /// <summary>The language a code or locale names ("de", "de-CH", "fr_CA"), or null when it is none of ours.</summary>
    public static Language? Find(string? codeOrLocale)
    {
        if (string.IsNullOrWhiteSpace(codeOrLocale)) return null;
        var code = codeOrLocale.Trim();
        var cut = code.IndexOfAny(['-', '_']);
        if (cut > 0) code = code[..cut];
        return All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The text in this language: English as it is, otherwise the catalog's translation of it.</summary>
    public string Translate(string english)
    {
        if (IsEnglish || string.IsNullOrEmpty(english)) return english;
        if (Catalog.Texts.TryGetValue(english, out var translated)) return translated;
        MissingTranslation?.Invoke(this, english);
        return english;
    }

    /// <summary>
    /// An English text already put together, translated when it is one of the catalog's texts, or one of its
    /// templates filled in ("Question 3 of 12"; a blank's value is translated too when the catalog knows it); null
    /// when the catalog knows neither. Nothing is reported missing: the text may be the prospect's own words.
    /// </summary>
    public string? TranslateComposed(string english)
    {
        if (IsEnglish || string.IsNullOrEmpty(english)) return null;
        if (Catalog.Texts.TryGetValue(english, out var translated)) return translated;
        foreach (var template in Catalog.Templates)
        {
            var match = template.Pattern.Match(english);
            if (!match.Success) continue;
            var values = template.Names.Select(name =>
            {
                var value = match.Groups[name].Value;
                return (name, (object?)(Catalog.Texts.TryGetValue(value, out var known) ? known : value));
            }).ToArray();
            return Format(template.English, values);
        }
        return null;
    }

    /// <summary>True when <paramref name="english"/> is a text this language has a translation of.</summary>
    public bool Knows(string english) => IsEnglish || Catalog.Texts.ContainsKey(english);

    /// <summary>
    /// A template translated, then filled: "Thank you, {name}." with ("name", "Ada"). Placeholders are named, so a
    /// translation may put them in another order.
    /// </summary>
    public string Format(string englishTemplate, params (string Name, object? Value)[] values)
    {
        var template = Translate(englishTemplate);
        if (values.Length == 0) return template;
        var builder = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }
            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                builder.Append(template, i, template.Length - i);
                break;
            }
            builder.Append(template, i, open - i);
            var name = template.AsSpan(open + 1, close - open - 1);
            var found = false;
            foreach (var (key, value) in values)
            {
                if (!name.SequenceEqual(key)) continue;
                builder.Append(value);
                found = true;
                break;
            }
            if (!found) builder.Append(template, open, close - open + 1);
            i = close + 1;
        }
        return builder.ToString();
    }

    public override string ToString() => Code;
}
