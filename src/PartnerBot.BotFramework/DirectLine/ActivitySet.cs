using PartnerBot.BotFramework.Schema;

namespace PartnerBot.BotFramework.DirectLine;

/// <summary>A batch of activities and the watermark after them: what the stream sends and polling returns.</summary>
public sealed class ActivitySet
{
    public List<Activity> Activities { get; set; } = [];

    public string? Watermark { get; set; }
}
