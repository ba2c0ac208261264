using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// One language's resources, embedded in the assembly: <c>{code}.texts.json</c> (the English text → its
/// translation) and <c>{code}.understanding.json</c> (the words prospects type: each question's option synonyms and
/// topic words, the grammar words the reading relies on, phrases of requests and questions, place names). English
/// has none: its words are in the code.
/// </summary>
public sealed class LanguageCatalog
{
    public static LanguageCatalog English { get; } = new(new Dictionary<string, string>(), new JsonObject());

    private readonly JsonObject _understanding;

    private LanguageCatalog(IReadOnlyDictionary<string, string> texts, JsonObject understanding)
    {
        Texts = texts;
        _understanding = understanding;
    }

    /// <summary>English text → translation.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>The texts with blanks ("Question {number} of {total}"), as patterns that find them filled in.</summary>
    public IReadOnlyList<TextTemplate> Templates => _templates ??= Texts.Keys.Where(k => k.Contains('{')).Select(TextTemplate.Of).OfType<TextTemplate>()
        // The most literal text first: "Step {number}: {step}" before "{text}".
        .OrderByDescending(t => t.English.Length - t.Names.Count * 2).ToList();

    private IReadOnlyList<TextTemplate>? _templates;

    public static LanguageCatalog Load(string code)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Read($"{code}.texts.json") is JsonObject entries)
        {
            foreach (var (key, value) in entries)
            {
                if (key.StartsWith('_') || value is not JsonValue text) continue;
                texts[key] = text.GetValue<string>();
            }
        }
        return new LanguageCatalog(texts, Read($"{code}.understanding.json") as JsonObject ?? []);
    }

    /// <summary>The synonyms a question's option has in this language (option key: the enum member, or "true"/"false").</summary>
    public IReadOnlyList<string>? Synonyms(string question, string option) =>
        _understanding["questions"]?[question]?["options"]?[option] is JsonArray list ? Strings(list) : null;

    /// <summary>The words naming a question's subject in a description.</summary>
    public IReadOnlyList<string>? Topic(string question) =>
        _understanding["questions"]?[question]?["topic"] is JsonArray list ? Strings(list) : null;

    /// <summary>A word list ("Lexicon.Negators"), or null when the language does not declare it.</summary>
    public IReadOnlyList<string>? Words(string key) => _understanding["words"]?[key] is JsonArray list ? Strings(list) : null;

    /// <summary>A word list of phrases, each split into words ("ChoiceMeaning.HedgeYes").</summary>
    public IReadOnlyList<IReadOnlyList<string>>? WordPhrases(string key) =>
        _understanding["words"]?[key] is JsonArray list
            ? list.Select(item => item is JsonArray words ? Strings(words) : (IReadOnlyList<string>)(item?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList()
            : null;

    /// <summary>Words with a number each ("Quantities.Small": "zwei" → 2).</summary>
    public IReadOnlyDictionary<string, double>? Numbers(string key) =>
        _understanding["words"]?[key] is JsonObject map
            ? map.Where(p => !p.Key.StartsWith('_') && p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<double>())
            : null;

    /// <summary>Phrases a pattern of the English code also matches in this language ("LiveChatRequest.Pattern").</summary>
    public IReadOnlyList<string>? Phrases(string key) => _understanding["phrases"]?[key] is JsonArray list ? Strings(list) : null;

    /// <summary>This language's names of places, by the English name the code knows them by.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Places =>
        _understanding["places"] is JsonObject places
            ? places.Where(p => !p.Key.StartsWith('_') && p.Value is JsonArray).ToDictionary(p => p.Key, p => Strings((JsonArray)p.Value!))
            : new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The raw section, for readers with a shape of their own.</summary>
    public JsonNode? Section(string path)
    {
        JsonNode? node = _understanding;
        foreach (var part in path.Split('/')) node = node?[part];
        return node;
    }

    private static IReadOnlyList<string> Strings(JsonArray list) =>
        list.OfType<JsonValue>().Select(v => v.GetValue<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();

    private static JsonNode? Read(string name)
    {
        using var stream = typeof(LanguageCatalog).Assembly.GetManifestResourceStream("Languages." + name);
        if (stream is null) return null;
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    }
}

/// <summary>A catalog text with named blanks, and the pattern that recognizes it filled in.</summary>
public sealed record TextTemplate(string English, Regex Pattern, IReadOnlyList<string> Names)
{
    public static TextTemplate? Of(string english)
    {
        var names = new List<string>();
        var pattern = new System.Text.StringBuilder("^");
        var i = 0;
        foreach (Match blank in Regex.Matches(english, @"\{([A-Za-z][A-Za-z0-9]*)\}"))
        {
            pattern.Append(Regex.Escape(english[i..blank.Index]));
            var name = blank.Groups[1].Value;
            // The same blank twice must hold the same value.
            pattern.Append(names.Contains(name) ? $@"\k<{name}>" : $"(?<{name}>.+?)");
            if (!names.Contains(name)) names.Add(name);
            i = blank.Index + blank.Length;
        }
        // A template with almost no words of its own ("{label}: {answer}", "{first} and {last}") would match any text: it
        // is only ever filled in by Say. Words that open it ("For: {answers}") anchor it enough.
        var letters = Regex.Replace(english, @"\{[A-Za-z][A-Za-z0-9]*\}", "").Count(char.IsLetter);
        var opening = english.IndexOf('{') is var first and > 0 ? english[..first].Count(char.IsLetter) : 0;
        if (names.Count == 0 || letters < 6 && opening < 3) return null;
        pattern.Append(Regex.Escape(english[i..])).Append('$');
        return new TextTemplate(english, new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant), names);
    }
}
