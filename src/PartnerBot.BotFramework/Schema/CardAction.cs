using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Schema;

public sealed class CardAction
{
    public string Type { get; set; } = ActionTypes.ImBack;
    public string? Title { get; set; }
    public JsonNode? Value { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public string? Image { get; set; }

    public static CardAction ImBack(string title) => new() { Type = ActionTypes.ImBack, Title = title, Value = title };
}
