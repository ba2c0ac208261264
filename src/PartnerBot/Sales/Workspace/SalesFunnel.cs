using System.Globalization;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The dashboard's numbers per week (Monday to Sunday, UTC) and channel: conversations started, consent given,
/// assessments finished, contact requested; and how the finished assessments split over the engagement models.
/// Erased conversations count too, through the anonymous rows they leave.
/// </summary>
public static class SalesFunnel
{
    public sealed record Week(string Start, string Channel, int Started, int Consented, int Finished, int ContactRequested);

    /// <summary>
    /// Of the conversations of <paramref name="Channel"/> that reached question <paramref name="Number"/>: how many
    /// answered it, how many stopped there, and how many are there now (still chatting, neither answered nor left).
    /// </summary>
    public sealed record QuestionStep(string Channel, int Number, int Reached, int Answered, int Left, int UnderWay);

    /// <summary>
    /// A conversation quiet for less than this is still under way, not stopped: the half hour after which web
    /// analytics end a visit.
    /// </summary>
    public static readonly TimeSpan UnderWayFor = TimeSpan.FromMinutes(30);

    public sealed record Result(IReadOnlyList<Week> Weeks, IReadOnlyDictionary<string, int> Models, int Started, int Consented, int Finished, int ContactRequested,
        IReadOnlyList<QuestionStep> Questions);

    public static async Task<Result> ComputeAsync(ISalesStatistics statistics, DateTimeOffset now, int weeks, CancellationToken cancellationToken)
    {
        var thisWeek = WeekStart(now);
        var from = thisWeek.AddDays(-7 * (weeks - 1));
        var cells = new Dictionary<(DateTimeOffset, string), int[]>();
        var models = new SortedDictionary<string, int>(StringComparer.Ordinal);
        // Per channel: how many conversations got how far (questions answered; finished counts as all of them).
        var reach = new Dictionary<string, List<(int Answered, bool Finished, bool UnderWay)>>(StringComparer.Ordinal);
        await foreach (var row in statistics.FunnelRowsAsync(from, thisWeek.AddDays(7), cancellationToken))
        {
            var key = (WeekStart(row.StartedAt), SalesQuery.ChannelGroup(row.ChannelId));
            if (!cells.TryGetValue(key, out var counts)) cells[key] = counts = new int[4];
            counts[0]++;
            if (row.Consent == Consent.Granted) counts[1]++;
            if (row.Finished) counts[2]++;
            if (row.ContactRequested) counts[3]++;
            if (row.Finished && row.OutcomeModel is { } model) models[model] = models.GetValueOrDefault(model) + 1;
            if (row.QuestionsAnswered is { } answered)
            {
                if (!reach.TryGetValue(key.Item2, out var got)) reach[key.Item2] = got = [];
                got.Add((answered, row.Finished, !row.Finished && row.LastActivityAt > now - UnderWayFor));
            }
        }
        var list = new List<Week>();
        for (var week = from; week <= thisWeek; week = week.AddDays(7))
        {
            foreach (var channel in new[] { "teams", "web", "other" })
            {
                var counts = cells.GetValueOrDefault((week, channel)) ?? new int[4];
                if (channel == "other" && counts[0] == 0) continue;
                list.Add(new Week(week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), channel, counts[0], counts[1], counts[2], counts[3]));
            }
        }
        return new Result(list, models, list.Sum(w => w.Started), list.Sum(w => w.Consented), list.Sum(w => w.Finished), list.Sum(w => w.ContactRequested),
            Steps(reach));
    }

    /// <summary>
    /// Question by question (in the order asked, numbered as the prospect saw them): a conversation reached question k
    /// when it had answered k − 1, answered it when it had answered k or finished, and left there when it stopped at
    /// k − 1 answers without finishing and has been quiet for <see cref="UnderWayFor"/>; one that is not quiet yet is
    /// under way there.
    /// </summary>
    private static List<QuestionStep> Steps(Dictionary<string, List<(int Answered, bool Finished, bool UnderWay)>> reach)
    {
        var steps = new List<QuestionStep>();
        foreach (var (channel, conversations) in reach.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var deepest = Math.Max(1, conversations.Max(c => c.Answered + (c.Finished ? 0 : 1)));
            for (var number = 1; number <= deepest; number++)
            {
                var reached = conversations.Count(c => c.Finished || c.Answered >= number - 1);
                var answered = conversations.Count(c => c.Finished || c.Answered >= number);
                var left = conversations.Count(c => !c.Finished && !c.UnderWay && c.Answered == number - 1);
                var underWay = conversations.Count(c => c.UnderWay && c.Answered == number - 1);
                if (reached > 0) steps.Add(new QuestionStep(channel, number, reached, answered, left, underWay));
            }
        }
        return steps;
    }

    /// <summary>The per-question numbers as CSV: channel, question, reached, answered, left, under way.</summary>
    public static string QuestionsCsv(Result result)
    {
        var csv = new System.Text.StringBuilder("channel,question,reached,answered,left,under_way\r\n");
        foreach (var step in result.Questions)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{step.Channel},{step.Number},{step.Reached},{step.Answered},{step.Left},{step.UnderWay}\r\n");
        }
        return csv.ToString();
    }

    private static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-offset), TimeSpan.Zero);
    }
}
