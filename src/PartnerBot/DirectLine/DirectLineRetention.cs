namespace PartnerBot.DirectLine;

/// <summary>What one conversation's log may keep: its newest activities, up to a count and a serialized size.</summary>
public readonly record struct DirectLineRetention(int Activities, long Bytes)
{
    public static DirectLineRetention From(DirectLineOptions options) => new(options.MaxActivitiesPerConversation, options.MaxBytesPerConversation);
}
