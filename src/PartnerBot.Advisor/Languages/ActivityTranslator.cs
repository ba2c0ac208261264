using System.Text.Json.Nodes;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Advisor.Languages;

/// <summary>
/// Puts what the advisor sends into the conversation's language on its way out: the text, the summary, suggested
/// actions, and the texts of Adaptive Cards. The dialogs keep English in their state (a question asked again after a
/// switch of language comes out in the new one); a text put together from parts is translated where it is put
/// together (<see cref="Texts.Say(string)"/>), and passes here unchanged. What the prospect saw is what the
/// transcript keeps, since the transcript records the activity after this.
/// </summary>
public static class ActivityTranslator
{
    /// <summary>The Adaptive Card properties a person reads.</summary>
    private static readonly HashSet<string> ReadProperties = ["text", "title", "placeholder", "label", "errorMessage", "fallbackText", "altText", "speak"];

    public static void Translate(Activity activity, Language language)
    {
        if (language.IsEnglish) return;
        activity.Text = Text(activity.Text, language);
        activity.Summary = Text(activity.Summary, language);
        if (activity.SuggestedActions?.Actions is { } actions)
        {
            foreach (var action in actions)
            {
                // An imBack posts its value as the prospect's message: it is shown, so it is translated with the title.
                action.Title = Text(action.Title, language);
                if (action.Value is JsonValue value && value.TryGetValue<string>(out var posted)) action.Value = JsonValue.Create(Text(posted, language));
            }
        }
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == Attachment.AdaptiveCardContentType && attachment.Content is JsonNode card) Card(card, language);
        }
    }

    /// <summary>An Adaptive Card's texts in the language (a card answered in an invoke's response).</summary>
    public static void TranslateCard(JsonNode card, Language language)
    {
        if (!language.IsEnglish) Card(card, language);
    }

    /// <summary>A text, or each of its paragraphs (a question after its "*Question 3 of 12*"), in the language.</summary>
    public static string? Text(string? text, Language language)
    {
        if (string.IsNullOrEmpty(text)) return text;
        if (language.TranslateComposed(text) is { } whole) return whole;
        if (!text.Contains('\n', StringComparison.Ordinal)) return Emphasized(text, language) ?? Bullet(text, language) ?? text;
        return string.Join("\n\n", text.Split("\n\n").Select(paragraph => language.TranslateComposed(paragraph) ?? Emphasized(paragraph, language)
            // A list, one item a line ("- Please enter your company.").
            ?? string.Join("\n", paragraph.Split('\n').Select(line => language.TranslateComposed(line) ?? Emphasized(line, language) ?? Bullet(line, language) ?? line))));
    }

    /// <summary>"- Please enter your company.": the item after its bullet.</summary>
    private static string? Bullet(string line, Language language)
    {
        foreach (var bullet in new[] { "- ", "* ", "• " })
        {
            if (line.StartsWith(bullet, StringComparison.Ordinal) && language.TranslateComposed(line[bullet.Length..]) is { } item) return bullet + item;
        }
        return null;
    }

    /// <summary>"*Question 3 of 12*": the text inside the emphasis.</summary>
    private static string? Emphasized(string text, Language language)
    {
        foreach (var mark in new[] { "**", "*", "_" })
        {
            if (text.Length > 2 * mark.Length && text.StartsWith(mark, StringComparison.Ordinal) && text.EndsWith(mark, StringComparison.Ordinal)
                && language.TranslateComposed(text[mark.Length..^mark.Length]) is { } inner)
            {
                return mark + inner + mark;
            }
        }
        return null;
    }

    private static void Card(JsonNode node, Language language)
    {
        switch (node)
        {
            case JsonObject card:
                foreach (var (name, value) in card.ToList())
                {
                    if (value is JsonValue text && text.TryGetValue<string>(out var read) && ReadProperties.Contains(name))
                    {
                        card[name] = Text(read, language);
                    }
                    else if (value is JsonObject or JsonArray && name != "data")
                    {
                        // An action's data is what comes back to the bot, never read by the prospect.
                        Card(value, language);
                    }
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    if (item is not null) Card(item, language);
                }
                break;
        }
    }
}
