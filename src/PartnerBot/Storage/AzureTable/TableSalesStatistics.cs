using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>
/// The funnel's rows from the leads index (each month from the period's start, since a conversation is filed under
/// its last activity) and the erased conversations' anonymous rows, small properties only.
/// </summary>
public sealed class TableSalesStatistics(AzureTableContext context) : ISalesStatistics
{
    private static readonly string[] Columns = ["StartedAt", "ChannelId", "Consent", "Finished", "ContactRequested", "OutcomeModel", "QuestionsAnswered", "LastActivityAt"];

    public async IAsyncEnumerable<FunnelRow> FunnelRowsAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var range = TableClient.CreateQueryFilter($"StartedAt ge {from} and StartedAt lt {to}");
        var partitions = new List<string>();
        if (await context.RunAsync("statistics.buckets", () => TableConversationRecords.ReadBucketsAsync(context, cancellationToken), cancellationToken) is { } buckets)
        {
            const string format = TableConversationRecords.BucketFormat;
            var oldest = DateTime.ParseExact(buckets.Oldest, format, CultureInfo.InvariantCulture);
            var start = new DateTime(from.UtcDateTime.Year, from.UtcDateTime.Month, 1);
            var newest = DateTime.ParseExact(buckets.Newest, format, CultureInfo.InvariantCulture);
            for (var month = start > oldest ? start : oldest; month <= newest; month = month.AddMonths(1)) partitions.Add(month.ToString(format, CultureInfo.InvariantCulture));
        }
        partitions.Add(TableErasure.ErasedPartition);

        foreach (var partition in partitions)
        {
            var rows = context.Leads.QueryAsync<TableEntity>($"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and {range}", maxPerPage: 1000, select: Columns, cancellationToken: cancellationToken);
            await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
            while (await context.RunAsync("statistics.read", async () => await enumerator.MoveNextAsync(), cancellationToken))
            {
                var row = enumerator.Current;
                yield return new FunnelRow(row.GetDateTimeOffset("StartedAt") ?? default, row.GetString("ChannelId"), Enum.Parse<Consent>(row.GetString("Consent")),
                    row.GetBoolean("Finished") ?? false, row.GetBoolean("ContactRequested") ?? false, row.GetString("OutcomeModel"),
                    // Erased rows (and index rows of the first releases) do not say how far the conversation got.
                    partition == TableErasure.ErasedPartition ? null : row.GetInt32("QuestionsAnswered"),
                    partition == TableErasure.ErasedPartition ? null : row.GetDateTimeOffset("LastActivityAt"));
            }
        }
    }
}
