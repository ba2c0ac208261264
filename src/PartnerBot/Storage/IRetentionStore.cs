namespace PartnerBot.Storage;

/// <summary>
/// Deletes what is older than its retention period, for every storage provider alike. What "older" means per kind
/// of data is in <see cref="RetentionCutoffs"/>; the provider decides how to find and delete it in small batches
/// so that turns are never held up for long.
/// </summary>
public interface IRetentionStore
{
    Task<RetentionReport> PurgeAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken);
}
