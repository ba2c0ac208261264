using System.Reflection;
using System.Text.Json.Nodes;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Knowledge;
using PartnerBot.Advisor.Languages;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.Advisor.Playbook;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// The advisor in German and French: every text has its translation, a prospect goes from greeting to
/// recommendation in their language by clicking and by typing with no English on the way, the language follows the
/// client's locale or the prospect's request, and a switch in the middle keeps the answers.
/// </summary>
[Collection(LanguageCollection.Name)]
public sealed class LanguageTests : IDisposable
{
    private readonly List<(Language Language, string English)> _missing = [];

    public LanguageTests() => Language.MissingTranslation += Record;

    public void Dispose() => Language.MissingTranslation -= Record;

    private void Record(Language language, string english)
    {
        lock (_missing) _missing.Add((language, english));
    }

    public static TheoryData<string> Translated => new("de", "fr");

    [Theory]
    [MemberData(nameof(Translated))]
    public void Every_text_the_advisor_shows_has_a_translation(string code)
    {
        var language = Language.Find(code)!;
        var missing = EnglishTexts().Where(text => !language.Knows(text)).Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts have no {language.EnglishName} translation:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Translated))]
    public void Every_knowledge_base_entry_is_written_for_each_language(string code)
    {
        var knowledge = Path.Combine(AppContext.BaseDirectory, "knowledge");
        static IEnumerable<string> Entries(string folder) => Directory.EnumerateFiles(folder, "*.md").Select(f => Path.GetFileName(f)!).Order();
        Assert.Equal(Entries(knowledge), Entries(Path.Combine(knowledge, code)));
    }

    [Theory]
    [InlineData("de", "Was ist der Unterschied zwischen 510(k) und PMA?")]
    [InlineData("de", "510(k) oder PMA, was passt zu uns?")]
    [InlineData("fr", "Quelle est la différence entre le 510(k) et la PMA ?")]
    [InlineData("fr", "510(k) ou PMA, lequel nous concerne ?")]
    public void A_question_about_two_things_is_answered_with_a_passage_on_each(string code, string question)
    {
        using var knowledge = KnowledgeBase.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"));
        using var _ = new InLanguage(code);
        Assert.Equal(["510k", "pma"], knowledge.Answer(question).Select(a => a.Entry.Id).Order());
    }

    [Fact]
    public void German_and_French_translate_the_same_texts()
    {
        var unmatched = Language.German.Catalog.Texts.Keys.ToHashSet();
        unmatched.SymmetricExceptWith(Language.French.Catalog.Texts.Keys);
        Assert.Empty(unmatched);
    }

    /// <summary>
    /// Every text the code hands to <c>Texts.Say</c> or fills in from a template (read from the sources themselves,
    /// adjacent literals joined as the compiler joins them) has a translation in each language.
    /// </summary>
    [Theory]
    [MemberData(nameof(Translated))]
    public void Every_text_the_code_says_has_a_translation(string code)
    {
        var language = Language.Find(code)!;
        var said = SaidInCode().ToList();
        Assert.True(said.Count > 40, $"Only {said.Count} texts found in the sources: the scan is broken.");
        var missing = said.Where(text => !language.Knows(text)).Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts have no {language.EnglishName} translation:\n" + string.Join("\n", missing));
    }

    private static IEnumerable<string> SaidInCode()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "PartnerBot.sln"))) root = Path.GetDirectoryName(root)!;
        var call = new System.Text.RegularExpressions.Regex(@"(?:Texts\.Say|English\.Format|language\.Format|\bT)\(\s*((?:""(?:[^""\\]|\\.)*""\s*\+?\s*)+)");
        var literal = new System.Text.RegularExpressions.Regex(@"""((?:[^""\\]|\\.)*)""");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            foreach (System.Text.RegularExpressions.Match match in call.Matches(File.ReadAllText(file)))
            {
                yield return string.Concat(literal.Matches(match.Groups[1].Value).Select(m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Translated))]
    public void Every_translation_keeps_the_blanks_of_its_English(string code)
    {
        var language = Language.Find(code)!;
        var wrong = language.Catalog.Texts
            .Where(p => Blanks(p.Key).Order().SequenceEqual(Blanks(p.Value).Order()) is false)
            .Select(p => $"{p.Key} → {p.Value}")
            .ToList();
        Assert.True(wrong.Count == 0, "Blanks differ:\n" + string.Join("\n", wrong));

        static IEnumerable<string> Blanks(string text) =>
            System.Text.RegularExpressions.Regex.Matches(text, @"\{[A-Za-z][A-Za-z0-9]*\}").Select(m => m.Value).Distinct();
    }

    [Theory]
    [InlineData("de-DE", "Gespräch speichern", "Dürfen wir")]
    [InlineData("de-CH", "Gespräch speichern", "Dürfen wir")]
    [InlineData("fr-FR", "conserver cette conversation", "Pouvons-nous")]
    [InlineData("fr-CA", "conserver cette conversation", "Pouvons-nous")]
    public async Task The_client_locale_chooses_the_language_from_the_first_message(string locale, string fragment, string alternative)
    {
        await AdvisorFlow.Create(locale: locale)
            .Send("hi").Said(r =>
            {
                Assert.True(r.AllText.Contains(fragment, StringComparison.OrdinalIgnoreCase) || r.AllText.Contains(alternative, StringComparison.OrdinalIgnoreCase), r.AllText);
                EnglishLeak.AssertNone(r);
            })
            .StartTestAsync();
        AssertNothingMissing();
    }

    [Fact]
    public async Task A_locale_the_advisor_does_not_speak_gets_english() =>
        await AdvisorFlow.Create(locale: "es-ES")
            .Send("hola").Said(r => r.Expect("May we keep this conversation"))
            .StartTestAsync();

    public static TheoryData<string, string[], string, string> ClickedScripts => new()
    {
        {
            "de-DE",
            ["Hallo", "Ja, gern speichern", "Start-up", "Nur Idee oder Konzept", "EU (MDR)", "Klasse IIa", "Noch nicht", "Nein", "1, 3", "Schnelle Markteinführung (Time-to-Market)", "1.000 - 10.000", "In 1-2 Jahren", "Europa", "Überspringen"],
            "Ein Entwicklungs- und Fertigungspartner (CDMO)", "PD"
        },
        {
            "fr-FR",
            ["Bonjour", "Oui, conservez-la", "Start-up", "Idée ou concept uniquement", "UE (MDR)", "Classe IIa", "Pas encore", "Non", "1, 3", "Délai de mise sur le marché", "1 000 – 10 000", "Dans 1 à 2 ans", "Europe", "Passer"],
            "Un partenaire de développement et de fabrication (CDMO)", "PD"
        },
    };

    [Theory]
    [MemberData(nameof(ClickedScripts))]
    public async Task A_prospect_clicking_through_in_their_language_gets_the_recommendation_in_it(string locale, string[] buttons, string headline, string start)
    {
        var flow = AdvisorFlow.Create(locale: locale);
        foreach (var button in buttons[..^1]) flow.Send(button).Said(EnglishLeak.AssertNone);
        await flow.Send(buttons[^1]).Said(replies =>
        {
            EnglishLeak.AssertNone(replies);
            var card = TranslatedCard.From(replies);
            Assert.Equal(headline, card.Headline);
            Assert.Equal(start, card.StartPhase);
        }).StartTestAsync();
        AssertNothingMissing();
    }

    public static TheoryData<string, string[], string, string> TypedScripts => new()
    {
        {
            "de-DE",
            ["hallo", "ja, passt", "wir sind ein kleines Start-up mit 6 Leuten", "bisher nur eine Idee, noch nichts gebaut", "zuerst Europa, also CE-Kennzeichnung",
             "wahrscheinlich Klasse IIa", "nein, noch nicht", "nein, haben wir nicht", "wir können Produktentwicklung und Elektronik", "Time-to-Market ist uns am wichtigsten",
             "etwa 5.000 Stück pro Jahr", "in ungefähr 18 Monaten", "wir sitzen in München", "nein danke"],
            "Ein Entwicklungs- und Fertigungspartner (CDMO)", "PD"
        },
        {
            "fr-FR",
            ["bonjour", "oui, d'accord", "nous sommes une start-up de 6 personnes", "juste une idée pour l'instant, rien de construit", "d'abord l'Europe, le marquage CE",
             "probablement classe IIa", "non, pas encore", "non, nous n'en avons pas", "nous faisons l'ingénierie produit et l'électronique", "le délai de mise sur le marché avant tout",
             "environ 5 000 unités par an", "dans 18 mois environ", "nous sommes basés à Lyon", "non merci"],
            "Un partenaire de développement et de fabrication (CDMO)", "PD"
        },
        {
            "de-DE",
            ["hallo", "ja", "Konzern mit 20.000 Mitarbeitern", "validiert, V&V ist abgeschlossen", "nur EU", "Klasse IIa", "ja, ist festgelegt", "ja, wir sind nach ISO 13485 zertifiziert",
             "ja, vollständig und freigegeben", "unser eigenes Team", "ja, DFM-Review ist gemacht", "alle", "Kosten in der Serie", "mehr als 100.000 pro Jahr", "innerhalb von 12 Monaten", "Deutschland", "nein"],
            "Ein Fertigungspartner (CMO)", "DT"
        },
        {
            "fr-FR",
            ["bonjour", "oui", "un grand groupe de 20 000 salariés", "validé, V&V terminées", "UE seulement", "classe IIa", "oui, elle est définie", "oui, certifiés ISO 13485",
             "oui, complètes et diffusées", "notre propre équipe", "oui, la revue DFM est faite", "toutes", "le coût de production en volume", "plus de 100 000 par an", "d'ici 12 mois", "France", "non"],
            "Un partenaire de fabrication (CMO)", "DT"
        },
    };

    [Theory]
    [MemberData(nameof(TypedScripts))]
    public async Task A_prospect_typing_in_their_language_gets_the_recommendation_a_specialist_would_give(string locale, string[] answers, string headline, string start)
    {
        var flow = AdvisorFlow.Create(locale: locale);
        var said = new List<string>();
        foreach (var answer in answers[..^1]) flow.Send(answer).Said(r => said.Add(r.AllText));
        await flow.Send(answers[^1]).Said(replies =>
        {
            var card = TranslatedCard.TryFrom(replies);
            Assert.True(card is not null, "No recommendation; the conversation was:\n" + string.Join("\n---\n", said.Zip(answers, (s, a) => $"> {a}\n{s}")) + "\n---\n" + replies.AllText);
            Assert.Equal(headline, card!.Headline);
            Assert.Equal(start, card.StartPhase);
            EnglishLeak.AssertNone(replies);
        }).StartTestAsync();
        AssertNothingMissing();
    }

    [Fact]
    public async Task Asking_for_german_in_the_middle_keeps_the_answers_and_asks_the_waiting_question_in_german()
    {
        await AdvisorFlow.Create()
            .Send("hi").Said(r => r.Expect("May we keep this conversation"))
            .Send("yes").Said(r => r.Expect("Question 1 of"))
            .Send("startup").Said(r => r.Expect("Question 2 of").Expect("How far along is the device design?"))
            .Send("auf Deutsch bitte").Said(r =>
            {
                r.Expect("auf Deutsch").Expect("Frage 2 von");
                EnglishLeak.AssertNone(r);
            })
            .Send("Design eingefroren, Verifizierung läuft").Said(r => { r.Expect("Frage 3 von"); EnglishLeak.AssertNone(r); })
            .Send("back").Said(r => r.Expect("Frage 2 von"))
            .Send("in English please").Said(r => r.Expect("continue in English").Expect("Question 2 of").Expect("How far along is the device design?"))
            .StartTestAsync();
        AssertNothingMissing();
    }

    [Fact]
    public async Task A_french_prospect_who_asks_for_english_keeps_english_even_though_the_browser_says_french()
    {
        await AdvisorFlow.Create(locale: "fr-FR")
            .Send("bonjour").Said(r => r.Expect("conserver cette conversation"))
            .Send("in English please").Said(r => r.Expect("continue in English").Expect("May we keep this conversation"))
            .Send("yes").Said(r => r.Expect("Question 1 of"))
            .StartTestAsync();
    }

    [Theory]
    [InlineData("de-DE", "Was ist ein CDMO?", "CDMO")]
    [InlineData("fr-FR", "Qu'est-ce qu'un CDMO ?", "CDMO")]
    public async Task A_question_in_the_prospects_language_is_answered_from_the_knowledge_base_in_it(string locale, string question, string subject)
    {
        await AdvisorFlow.Create(locale: locale)
            .Send("hi").Said(_ => { })
            .Send(question).Said(r =>
            {
                r.Expect(subject);
                EnglishLeak.AssertNone(r);
            })
            .StartTestAsync();
        AssertNothingMissing();
    }

    private void AssertNothingMissing()
    {
        lock (_missing) Assert.True(_missing.Count == 0, "Shown in English for want of a translation:\n" + string.Join("\n", _missing.Select(m => $"{m.Language}: {m.English}")));
    }

    /// <summary>Everything the code declares for the prospect to read, in English.</summary>
    private static IEnumerable<string> EnglishTexts()
    {
        var atMarket = new Assessment { Maturity = DesignMaturity.OnMarket };
        foreach (var question in AssessmentQuestions.All.Questions)
        {
            yield return question.Label;
            foreach (var name in new[] { "Text", "Help" })
            {
                if (question.GetType().GetProperty(name)?.GetValue(question) is string text) yield return text;
            }
            if (question.GetType().GetProperty("TextFor")?.GetValue(question) is Delegate textFor && textFor.DynamicInvoke(atMarket) is string variant) yield return variant;
            if (question.GetType().GetProperty("Options")?.GetValue(question) is System.Collections.IEnumerable options)
            {
                foreach (var option in options)
                {
                    if (option.GetType().GetProperty("Title")?.GetValue(option) is string title) yield return title;
                }
            }
        }
        foreach (var rule in AdvisorPlaybook.ModelRules.Concat(AdvisorPlaybook.PhaseRules).Concat(AdvisorPlaybook.ServiceRules).Concat(AdvisorPlaybook.RiskRules).Concat(AdvisorPlaybook.TipRules))
        {
            yield return rule.Text;
            if (rule.Title is { } title) yield return title;
        }
        foreach (var phase in AdvisorPlaybook.Phases.Values)
        {
            yield return phase.Name;
            yield return phase.InSentence;
        }
        foreach (var confidence in Enum.GetValues<Confidence>()) yield return AdvisorPlaybook.Describe(confidence);
        yield return RecommendationCard.ConfidenceMeaning;
        foreach (var type in new[] { typeof(AdvisorMessages), typeof(LiveChatMessages), typeof(MeetingMessages) })
        {
            // A single lower-case word ("later") is a command the buttons send, not a text.
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            {
                var text = (string)field.GetRawConstantValue()!;
                if (text.Contains(' ') || text.Any(char.IsUpper)) yield return text;
            }
        }
        yield return Prompt<bool>.DefaultHelpFooter;
        yield return new InterruptionOptions().NothingToGoBackTo;
    }
}

/// <summary>The tests that listen to missing translations run one at a time: the event is the process's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LanguageCollection
{
    public const string Name = "Languages";
}
