using System.Globalization;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Dialogs.Choices;

namespace PartnerBot.Advisor.Booking;

/// <summary>
/// Asks which of the offered times suits the prospect. A button, a number, an ordinal or "later" is read as in any
/// choice; a typed day or time ("Wednesday at 10", "9 Dec 14:30") is matched to the one offered time it names. Each
/// time's choice value is <c>slot:</c> and its start in the prospect's local time with offset, so the typed time is read
/// in the zone the prospect saw.
/// </summary>
public sealed class SlotPrompt(string id, CardLibrary cards, TimeProvider clock) : Prompt<FoundChoice>(id, null)
{
    public const string SlotPrefix = "slot:";

    public static Choice ChoiceFor(MeetingSlot slot, TimeZoneInfo zone) =>
        new(SlotPrefix + MeetingTimes.Local(slot.Start, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), MeetingTimes.Label(slot.Start, zone));

    public static Choice LaterChoice { get; } = new(MeetingMessages.Later, MeetingMessages.LaterLabel, ["not now", "none of these", "none", "no thanks", "no", "another time", "skip", "none of them"]);

    /// <summary>The start a slot choice stands for.</summary>
    public static DateTimeOffset? StartOf(string value) =>
        value.StartsWith(SlotPrefix, StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(value[SlotPrefix.Length..], "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? start
            : null;

    protected override Task<PromptRecognition<FoundChoice>> RecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        var choices = options.Choices ?? [];
        var activity = dc.Turn.Activity;
        if (ChoicePrompt.RecognizeButton(activity, choices) is { } clicked) return Task.FromResult(clicked);
        // Partial matches are left out: "14:00" is part of several labels, and a time is read below instead.
        if (ChoiceRecognizer.RecognizeOne(activity.Text, choices) is { Match: not ChoiceMatch.Partial } found) return Task.FromResult(PromptRecognition<FoundChoice>.Success(found));
        var slots = choices.Select((c, i) => (Index: i, Start: StartOf(c.Value))).Where(s => s.Start is not null).ToList();
        if (MeetingTimes.Read(activity.Text, slots.Select(s => s.Start!.Value).ToList(), clock.GetUtcNow()) is { } picked)
        {
            var index = slots[picked].Index;
            return Task.FromResult(PromptRecognition<FoundChoice>.Success(new FoundChoice(choices[index].Value, index, ChoiceMatch.Synonym)));
        }
        return Task.FromResult(PromptRecognition<FoundChoice>.Failure(
            "I couldn't tell which time you mean. " + ChoiceRendering.Expected(choices) + " You can also write the day and time, for example \"" + ExampleOf(choices) + "\"."));
    }

    protected override void Decorate(DialogContext dc, PromptOptions options, BotFramework.Schema.Activity activity) =>
        ChoiceRendering.Apply(dc.Turn.Activity, activity, options, cards, ChoicePrompt.CardName);

    protected override string HelpText(PromptOptions options) =>
        MeetingMessages.PickHelp + "\n\n" + ChoiceRendering.Expected(options.Choices ?? []) + "\n\n" + DefaultHelpFooter;

    private static string ExampleOf(List<Choice> choices) =>
        choices.Select(c => StartOf(c.Value)).FirstOrDefault(s => s is not null) is { } start
            ? start.DateTime.ToString("dddd 'at' HH:mm", CultureInfo.InvariantCulture)
            : "Tuesday at 14:00";
}
