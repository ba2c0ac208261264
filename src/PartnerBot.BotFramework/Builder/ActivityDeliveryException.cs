namespace PartnerBot.BotFramework.Builder;

/// <summary>
/// A reply could not be delivered to the channel after the delivery's own retries. The turn itself succeeded:
/// its state and replies are recorded, and the undelivered replies are sent again when the channel retries.
/// </summary>
public sealed class ActivityDeliveryException(string message, Exception innerException) : Exception(message, innerException);
