using PartnerBot.Advisor.Understanding;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// A message that asks for another language ("auf Deutsch bitte", "en français", "can we speak English?"): the
/// whole message is the request, so an answer that merely names a language ("we sell in France") is not one. The
/// phrases are each language's own (<c>Language.Switch</c> in its understanding catalog), plus the names below.
/// </summary>
public static class LanguageRequest
{
    private static readonly Dictionary<Language, string[]> Names = new()
    {
        [Language.English] = ["english", "in english", "english please", "in english please", "can we speak english", "speak english", "auf englisch", "englisch", "englisch bitte", "en anglais", "anglais", "en anglais svp", "en anglais s il vous plait"],
        [Language.German] = ["german", "in german", "german please", "in german please", "can we speak german", "deutsch", "auf deutsch", "deutsch bitte", "auf deutsch bitte", "koennen wir deutsch sprechen", "konnen wir deutsch sprechen", "en allemand", "allemand"],
        [Language.French] = ["french", "in french", "french please", "in french please", "can we speak french", "francais", "en francais", "francais svp", "en francais svp", "en francais s il vous plait", "parlez vous francais", "auf franzosisch", "franzosisch"],
    };

    private static readonly Lazy<Dictionary<string, Language>> Phrases = new(() =>
    {
        var phrases = new Dictionary<string, Language>(StringComparer.Ordinal);
        foreach (var (language, names) in Names)
        {
            foreach (var name in names) phrases[Normalize(name)] = language;
        }
        foreach (var from in Language.All)
        {
            if (from.Catalog.Section("words/Language.Switch") is not System.Text.Json.Nodes.JsonObject switches) continue;
            foreach (var (code, list) in switches)
            {
                if (Language.Find(code) is not { } to || list is not System.Text.Json.Nodes.JsonArray items) continue;
                foreach (var item in items.OfType<System.Text.Json.Nodes.JsonValue>()) phrases.TryAdd(Normalize(item.GetValue<string>()), to);
            }
        }
        return phrases;
    });

    /// <summary>The language the message asks for, or null when it asks for none.</summary>
    public static Language? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 60 || !NamesALanguage(text)) return null;
        var normalized = Normalize(text);
        return normalized.Length > 0 && Phrases.Value.TryGetValue(normalized, out var language) ? language : null;
    }

    /// <summary>Every request names a language ("deutsch", "anglais", "français"): the rest of the messages are not read further.</summary>
    private static bool NamesALanguage(string text)
    {
        foreach (var stem in LanguageStems)
        {
            if (text.Contains(stem, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] LanguageStems = ["engl", "angl", "deut", "germ", "allem", "fran", "fren", "franz", "fraz"];

    private static readonly HashSet<string> Courtesy = ["please", "bitte", "svp", "merci", "thanks", "danke", "ok", "okay"];

    private static string Normalize(string text)
    {
        var words = Words.Of(text, Language.English).Select(w => w.Text).ToList();
        while (words.Count > 1 && Courtesy.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        while (words.Count > 1 && Courtesy.Contains(words[0])) words.RemoveAt(0);
        return string.Join(' ', words);
    }
}
