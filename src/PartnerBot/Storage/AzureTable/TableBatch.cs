using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

public static class TableBatch
{
    /// <summary>
    /// Submits the actions as one entity-group transaction; an action on a row that is gone meanwhile (404: deleted by
    /// a concurrent purge, dropped by an append) fails the whole transaction, so it is left out and the rest submitted again.
    /// </summary>
    public static async Task SubmitSkippingMissingAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var remaining = actions.ToList();
        while (remaining.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(remaining, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404 && exception.FailedTransactionActionIndex is { } index && index < remaining.Count)
            {
                remaining.RemoveAt(index);
            }
        }
    }
}
