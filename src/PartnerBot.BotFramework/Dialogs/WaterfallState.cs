namespace PartnerBot.BotFramework.Dialogs;

/// <summary>What a waterfall persists between turns: where it is, the steps that asked something, and its values.</summary>
public sealed class WaterfallState<TValues> where TValues : class, new()
{
    public int Index { get; set; }

    /// <summary>Indexes of the steps that waited for the user, oldest first; "back" walks this list.</summary>
    public List<int> Asked { get; set; } = [];

    public TValues Values { get; set; } = new();
}
