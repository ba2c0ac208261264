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

    public sealed record Result(IReadOnlyList<Week> Weeks, IReadOnlyDictionary<string, int> Models, int Started, int Consented, int Finished, int ContactRequested);

    public static async Task<Result> ComputeAsync(ISalesStatistics statistics, DateTimeOffset now, int weeks, CancellationToken cancellationToken)
    {
        var thisWeek = WeekStart(now);
        var from = thisWeek.AddDays(-7 * (weeks - 1));
        var cells = new Dictionary<(DateTimeOffset, string), int[]>();
        var models = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in statistics.FunnelRowsAsync(from, thisWeek.AddDays(7), cancellationToken))
        {
            var key = (WeekStart(row.StartedAt), SalesQuery.ChannelGroup(row.ChannelId));
            if (!cells.TryGetValue(key, out var counts)) cells[key] = counts = new int[4];
            counts[0]++;
            if (row.Consent == Consent.Granted) counts[1]++;
            if (row.Finished) counts[2]++;
            if (row.ContactRequested) counts[3]++;
            if (row.Finished && row.OutcomeModel is { } model) models[model] = models.GetValueOrDefault(model) + 1;
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
        return new Result(list, models, list.Sum(w => w.Started), list.Sum(w => w.Consented), list.Sum(w => w.Finished), list.Sum(w => w.ContactRequested));
    }

    private static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-offset), TimeSpan.Zero);
    }
}
