using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Cards;

/// <summary>The data an expression sees: the current <c>$data</c>, the whole <c>$root</c> and the repeat <c>$index</c>.</summary>
public sealed record TemplateScope(JsonNode? Data, JsonNode? Root, int? Index)
{
    public JsonNode? Resolve(string name) => name switch
    {
        "$data" => Data,
        "$root" => Root,
        "$index" => Index is { } i ? JsonValue.Create(i) : null,
        _ => Data is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null,
    };
}
