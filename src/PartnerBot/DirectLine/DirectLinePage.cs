namespace PartnerBot.DirectLine;

/// <summary>How much of a conversation's log one read returns: up to a count and about a serialized size.</summary>
public readonly record struct DirectLinePage(int Activities, long Bytes)
{
    public static DirectLinePage From(DirectLineOptions options) => new(options.PageActivities, options.PageBytes);
}
