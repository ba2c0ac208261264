using System.Collections.Concurrent;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Advisor.Understanding;

/// <summary>
/// The small words a typed answer is read by, in one language: fillers that change nothing, negations, contrast,
/// hedges, and the cues for "later", "first" and "maybe". English is declared here; another language's come from its
/// understanding catalog (<c>words</c>, keyed by the English list's name), in the form words are compared in.
/// </summary>
public sealed class Grammar
{
    private static readonly ConcurrentDictionary<Language, Grammar> ByLanguage = new();

    public static Grammar English { get; } = new()
    {
        Filler = ["a", "an", "the", "is", "are", "am", "was", "were", "be", "been", "being", "it", "its", "it s", "currently", "still", "already", "our", "my", "their", "very", "quite", "of", "s", "re", "ve", "ll", "d", "m", "that"],
        Negators = ["not", "no", "never", "without", "nothing", "none", "nobody", "neither", "nor", "lack", "lacking", "except", "excluding", "nope", "non", "hardly"],
        ClauseFinalNegators = ["no", "not", "none", "never"],
        Tentative = ["maybe", "possibly", "perhaps", "might", "mostly", "mainly", "partly"],
        Later = ["later", "eventually", "afterward", "afterwards", "someday", "down", "plan", "planning", "planned", "intend", "hope", "going"],
        First = ["first", "initially", "primarily", "only"],
        Contrast = ["but", "however", "although", "though", "whereas", "except", "besides", "apart"],
        Hedges = ["probably", "maybe", "perhaps", "possibly", "likely", "think", "guess", "believe", "suppose", "assume", "roughly", "presumably"],
        HedgeYes = [["think", "so"], ["believe", "so"], ["guess", "so"], ["suppose", "so"], ["hope", "so"]],
        Everything = ["all", "everything", "every", "rest", "each", "whole"],
        Except = ["except", "but", "excluding", "besides"],
    };

    /// <summary>Words that change nothing about a phrase: "design is frozen" is "design frozen".</summary>
    public required HashSet<string> Filler { get; init; }

    /// <summary>Words that negate what follows them in the same clause.</summary>
    public required HashSet<string> Negators { get; init; }

    /// <summary>Negations that, ending a clause, negate what came before ("regulatory: no"; German "validiert ist es nicht").</summary>
    public required HashSet<string> ClauseFinalNegators { get; init; }

    public required HashSet<string> Tentative { get; init; }
    public required HashSet<string> Later { get; init; }
    public required HashSet<string> First { get; init; }

    /// <summary>Words that turn a contrast: what follows them weighs more than what came before.</summary>
    public required HashSet<string> Contrast { get; init; }

    public required HashSet<string> Hedges { get; init; }

    /// <summary>"I think so": a hedged yes (negated, a hedged no).</summary>
    public required IReadOnlyList<string[]> HedgeYes { get; init; }

    /// <summary>"everything", "all": every option of a multi-select question.</summary>
    public required HashSet<string> Everything { get; init; }

    /// <summary>"except", "but": what follows is left out of "everything".</summary>
    public required HashSet<string> Except { get; init; }

    /// <summary>A negation may end the clause it negates, several words after what it negates (German).</summary>
    public bool NegationMayFollow { get; init; }

    /// <summary>French "ne"/"n'": the word right after it is negated ("nous ne vendons pas").</summary>
    public HashSet<string> NegatesNext { get; init; } = [];

    /// <summary>"I don't think so", where the language puts the negation after the verb ("je pense pas"): a hedged no.</summary>
    public IReadOnlyList<string[]> HedgeNo { get; init; } = [];

    /// <summary>English place and time-zone names that are ordinary words in this language (French "est", "ce").</summary>
    public HashSet<string> NotPlaces { get; init; } = [];

    /// <summary>
    /// The language's words for what the readers of numbers, dates, places and volumes know by their English word:
    /// "tausend" is read as "thousand", "mars" as "march", "États-Unis" as "united states". Both a typed answer and the
    /// synonyms go through it, so they stay comparable. Empty for English.
    /// </summary>
    public Canon Canon { get; init; } = Canon.None;

    /// <summary>The grammar of the turn's language.</summary>
    public static Grammar Current => For(Language.Current);

    public static Grammar For(Language language) => language.IsEnglish ? English : ByLanguage.GetOrAdd(language, Load);

    private static Grammar Load(Language language)
    {
        var catalog = language.Catalog;
        HashSet<string> Set(string key, IEnumerable<string> fallback) =>
            (catalog.Words(key) ?? fallback).SelectMany(Forms).ToHashSet(StringComparer.Ordinal);
        var negatesNext = Set("Lexicon.NeBefore", []);
        return new Grammar
        {
            // "ne" negates what follows it, so it must not be dropped as filler before the reading sees it.
            Filler = Set("Lexicon.Filler", []).Except(negatesNext).ToHashSet(StringComparer.Ordinal),
            Negators = Set("Lexicon.Negators", []),
            ClauseFinalNegators = Set("Lexicon.ClauseFinalNegators", catalog.Words("Lexicon.Negators") ?? []),
            // Each with the English cue its phrases are read as (see Canon).
            Tentative = [.. Set("Lexicon.TentativeWords", []), "maybe"],
            Later = [.. Set("Lexicon.LaterWords", []), "later"],
            First = [.. Set("Lexicon.FirstWords", []), "first"],
            Contrast = [.. Set("Words.Contrast", []), "but"],
            Hedges = [.. Set("ChoiceMeaning.Hedges", []), "probably"],
            HedgeYes = (catalog.WordPhrases("ChoiceMeaning.HedgeYes") ?? []).Select(p => p.SelectMany(Forms).ToArray()).Where(p => p.Length > 0).ToList(),
            Everything = Set("ChoiceMeaning.AllWords", []),
            Except = Set("ChoiceMeaning.Except", []),
            NegationMayFollow = language.Code == "de",
            NegatesNext = negatesNext,
            HedgeNo = (catalog.WordPhrases("ChoiceMeaning.HedgeNo") ?? []).Select(p => p.SelectMany(Forms).ToArray()).Where(p => p.Length > 0).ToList(),
            NotPlaces = Set(language.Code == "de" ? "Places.NotInGerman" : "Places.NotInFrench", []),
            Canon = Canon.Of(catalog, Forms),
        };
    }

    /// <summary>A catalog entry as words are compared: "noch nicht" gives its words, "l'idée" gives "l" and "idee".</summary>
    private static IEnumerable<string> Forms(string entry) => Words.Of(entry, Language.English).Select(w => w.Text);
}
