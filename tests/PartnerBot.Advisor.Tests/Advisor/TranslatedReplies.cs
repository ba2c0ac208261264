using System.Text.Json.Nodes;
using PartnerBot.Advisor.Languages;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>A recommendation card in any language, found by its lifecycle rows rather than by its English title.</summary>
public sealed class TranslatedCard(JsonNode card)
{
    public static TranslatedCard? TryFrom(Replies replies)
    {
        var card = replies.Activities.SelectMany(a => a.Attachments ?? []).Select(a => a.Content)
            .LastOrDefault(c => c?["body"] is JsonArray body && body.Any(e => e?["id"]?.GetValue<string>() == "phase-PD"));
        return card is null ? null : new TranslatedCard(card);
    }

    public static TranslatedCard From(Replies replies) =>
        TryFrom(replies) ?? throw new Xunit.Sdk.XunitException($"Expected a recommendation card, the bot said:\n{replies.AllText}");

    public string Headline => card["body"]![1]!["text"]!.GetValue<string>();

    public string StartPhase => new RecommendationView(card).Phases
        .Single(p => p["items"]![0]!["columns"]!.AsArray().Any(c => c?["$when"] is not null || c?["items"]?[0]?["text"]?.GetValue<string>() is { } t && StartWords.Contains(t)))
        ["id"]!.GetValue<string>()["phase-".Length..];

    private static readonly string[] StartWords = ["Start here", "Hier einsteigen", "Commencer ici"];
}

/// <summary>
/// English left in a German or French reply: two or more words that are English only (none of them is a German or
/// French word), outside links and the product names the advisor quotes as they are.
/// </summary>
public static class EnglishLeak
{
    private static readonly HashSet<string> EnglishOnly =
        ["the", "and", "you", "your", "with", "what", "which", "are", "for", "our", "this", "that", "please", "does", "have", "been", "would", "there", "their",
         "about", "into", "from", "should", "let", "how", "far", "along", "yet", "choose", "pick", "number", "answer", "send", "upload"];

    public static void AssertNone(Replies replies)
    {
        foreach (var text in Texts(replies))
        {
            var english = Words(text);
            Assert.True(english.Count < 2, $"English in a translated reply ({string.Join(", ", english)}):\n{text}");
        }
    }

    /// <summary>The English-only words in <paramref name="text"/>, links left out.</summary>
    public static List<string> Words(string text) =>
        System.Text.RegularExpressions.Regex.Split(System.Text.RegularExpressions.Regex.Replace(text, @"https?://\S+", " ").ToLowerInvariant(), @"[^\p{L}]+")
            .Where(EnglishOnly.Contains).Distinct().ToList();

    /// <summary>Each thing the prospect reads: message text, summary, the readable texts of a card, buttons.</summary>
    private static IEnumerable<string> Texts(Replies replies)
    {
        foreach (var activity in replies.Activities)
        {
            if (activity.Text is { Length: > 0 } text) yield return text;
            if (activity.Summary is { Length: > 0 } summary) yield return summary;
            foreach (var action in activity.SuggestedActions?.Actions ?? []) yield return action.Title ?? "";
            foreach (var attachment in activity.Attachments ?? [])
            {
                foreach (var readable in Readable(attachment.Content)) yield return readable;
            }
        }
    }

    private static IEnumerable<string> Readable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject card:
                foreach (var (name, value) in card)
                {
                    if (name is "data" or "$schema" or "id" or "type") continue;
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && name is "text" or "title" or "placeholder" or "label" or "errorMessage" or "fallbackText") yield return text;
                    foreach (var inner in Readable(value)) yield return inner;
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    foreach (var inner in Readable(item)) yield return inner;
                }
                break;
        }
    }
}

/// <summary>The turn's language for the length of a <c>using</c> block (it is ambient, as in a turn), English again after.</summary>
public sealed class InLanguage : IDisposable
{
    public InLanguage(string code) => Language.Current = Language.Find(code) ?? throw new ArgumentException($"No language '{code}'.", nameof(code));

    public void Dispose() => Language.Current = Language.English;
}
