namespace PartnerBot.Advisor.Understanding;

/// <summary>The risk class an answer names, in any of the ways people write it: "IIa", "2a", "class 2", "II", "3".</summary>
public enum ClassMention { One, Two, TwoA, TwoB, Three }

/// <summary>
/// Finds device classes in an answer. Unambiguous forms ("IIa", "2b", "III") count anywhere; a bare "I", "2"
/// or "3" counts after "class", or as the whole answer, so that the pronoun "I" or a number in a sentence is not
/// taken for a class. A class after a negation ("not class III") is reported as negated.
/// </summary>
public static class DeviceClasses
{
    private static readonly Dictionary<string, ClassMention> Anywhere = new()
    {
        ["iia"] = ClassMention.TwoA, ["2a"] = ClassMention.TwoA, ["iib"] = ClassMention.TwoB, ["2b"] = ClassMention.TwoB, ["iii"] = ClassMention.Three,
    };

    private static readonly Dictionary<string, ClassMention> AfterClass = new()
    {
        ["i"] = ClassMention.One, ["1"] = ClassMention.One, ["one"] = ClassMention.One, ["is"] = ClassMention.One, ["im"] = ClassMention.One, ["ir"] = ClassMention.One,
        ["ii"] = ClassMention.Two, ["2"] = ClassMention.Two, ["two"] = ClassMention.Two,
        ["3"] = ClassMention.Three, ["three"] = ClassMention.Three, ["iii"] = ClassMention.Three,
    };

    public static IReadOnlyList<(ClassMention Class, bool Negated)> Find(IReadOnlyList<Word> words)
    {
        var content = Lexicon.Content(words).Where(w => !IsHedge(w.Text)).ToList();
        var found = new List<(ClassMention, bool)>();
        for (var i = 0; i < content.Count; i++)
        {
            var text = content[i].Text;
            ClassMention mention;
            var afterClass = i > 0 && (IsClassWord(content[i - 1].Text) || content[i - 1].Text is "or" or "and" && found.Count > 0);
            if (Anywhere.TryGetValue(text, out mention) || afterClass && AfterClass.TryGetValue(text, out mention)
                || content.Count == 1 && AfterClass.TryGetValue(text, out mention))
            {
                // "ii a", "2 a": the letter written apart.
                if (mention == ClassMention.Two && i + 1 < content.Count && content[i + 1].Text is "a" or "b") mention = content[i + 1].Text == "a" ? ClassMention.TwoA : ClassMention.TwoB;
                found.Add((mention, Lexicon.NegatedAt(content, i, reach: 3)));
            }
        }
        return found.Distinct().ToList();
    }

    private static bool IsHedge(string word) =>
        word is "probably" or "maybe" or "likely" or "perhaps" or "possibly" or "think" or "guess" or "definitely" or "surely" or "prob" || Grammar.Current.Hedges.Contains(word);

    /// <summary>"class", as English, German ("Klasse IIa") and French ("classe IIa") write it.</summary>
    private static bool IsClassWord(string word) => word is "class" or "klasse" or "classe" or "klass";
}
