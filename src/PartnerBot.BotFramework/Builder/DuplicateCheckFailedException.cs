namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A store could not tell whether the turn's activity was processed before (its read failed after the store's
/// retries; see <see cref="IDeferredDuplicateCheck"/>). The turn stops before anything of it is answered or
/// recorded, and the adapter lets <see cref="Exception.InnerException"/> reach the channel as the failure it is,
/// so the channel retries: an apology recorded now would overwrite the earlier turn's answer.
/// </summary>
public sealed class DuplicateCheckFailedException(Exception innerException)
    : Exception("Whether the activity was processed before could not be checked.", innerException);
