using System.Globalization;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>The audit log in <c>&lt;prefix&gt;audit</c>: a partition per month, rows by inverted ticks, so reading is newest first.</summary>
public sealed class TableAuditLog(AzureTableContext context) : IAuditLog
{
    private const string MonthFormat = "yyyy-MM";

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => context.RunAsync("audit.append", async () =>
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks;
        var row = new TableEntity(entry.At.UtcDateTime.ToString(MonthFormat, CultureInfo.InvariantCulture), $"{inverted:D19}:{Guid.NewGuid():N}")
        {
            ["At"] = entry.At,
            ["ActorId"] = entry.ActorId,
            ["ActorName"] = entry.ActorName,
            ["Action"] = entry.Action,
            ["Target"] = entry.Target,
            ["Detail"] = entry.Detail,
        };
        await context.Audit.AddEntityAsync(row, cancellationToken);
    }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAsync(int limit, CancellationToken cancellationToken) => context.RunAsync<IReadOnlyList<AuditEntry>>("audit.read", async () =>
    {
        limit = Math.Clamp(limit, 1, 1000);
        var entries = new List<AuditEntry>();
        // Month by month backwards from now; two empty years in a row end the search.
        var month = context.Clock.GetUtcNow().UtcDateTime;
        for (var empty = 0; entries.Count < limit && empty < 24; month = month.AddMonths(-1))
        {
            var before = entries.Count;
            var partition = month.ToString(MonthFormat, CultureInfo.InvariantCulture);
            await foreach (var row in context.Audit.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), maxPerPage: limit, cancellationToken: cancellationToken))
            {
                entries.Add(new AuditEntry(row.GetDateTimeOffset("At") ?? default, row.GetString("ActorId"), row.GetString("ActorName"), row.GetString("Action"), row.GetString("Target"), row.GetString("Detail")));
                if (entries.Count == limit) break;
            }
            empty = entries.Count == before ? empty + 1 : 0;
        }
        return entries;
    }, cancellationToken);
}
