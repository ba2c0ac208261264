using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Knowledge;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.BotFramework.Testing;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Advisor;

/// <summary>
/// The advisor as the app composes it (its dialogs, knowledge base and cards) on the test kit: no web host, no
/// database. Each flow is one conversation in the emulator channel, as a prospect who types.
/// </summary>
public static class AdvisorFlow
{
    private static readonly Lazy<KnowledgeBase> Knowledge = new(() => KnowledgeBase.Load(Path.Combine(AppContext.BaseDirectory, "knowledge"), null));
    private static readonly Lazy<CardLibrary> Cards = new(() => new CardLibrary(Path.Combine(AppContext.BaseDirectory, "cards")));

    /// <param name="desk">The people behind the advisor; nobody when null, as without a sales channel.</param>
    /// <param name="calendar">Where calls are booked; nowhere when null.</param>
    /// <param name="locale">The client's locale on every message ("de-DE"), as Web Chat and Teams send it.</param>
    public static TestFlow Create(string channelId = "emulator", TimeProvider? clock = null, PartnerBot.Advisor.LiveChat.ILiveChatDesk? desk = null,
        PartnerBot.Advisor.Booking.IMeetingCalendar? calendar = null, string? locale = null)
    {
        clock ??= TimeProvider.System;
        var storage = new MemoryStorage();
        // As the shipped settings have it: a partner with sites in Europe and North America.
        var options = new AdvisorOptions { PartnerRegions = [Region.Europe, Region.NorthAmerica] };
        var interruptions = new InterruptionOptions();
        var dialogs = new DialogManager(AdvisorDialogs.Create(Cards.Value, options, clock, desk, calendar), nameof(AdvisorDialog), storage, interruptions, NullLogger<DialogManager>.Instance);
        var bot = new AdvisorBot(dialogs, storage, Cards.Value, options, Knowledge.Value, interruptions, clock, NullLogger<AdvisorBot>.Instance, calendar);
        return new TestFlow(bot, [new ShowTypingMiddleware()], storage) { ChannelId = channelId, Locale = locale };
    }

    /// <summary>Checks everything the bot said since the last check, as the prospect reads it.</summary>
    public static TestFlow Said(this TestFlow flow, Action<Replies> check) => flow.AssertReplies(replies => check(new Replies(replies)));

    /// <summary>Sends each answer in turn; their replies wait for the next assertion.</summary>
    public static TestFlow SendAll(this TestFlow flow, IEnumerable<string> answers)
    {
        foreach (var answer in answers) flow.Send(answer);
        return flow;
    }
}
