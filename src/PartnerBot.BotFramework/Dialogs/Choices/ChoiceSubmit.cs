using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Dialogs.Choices;

/// <summary>
/// The <c>value</c> a choice card sends back (Action.Submit merges the button's data with the inputs):
/// <c>{"choice": "value"}</c> for a button, <c>{"choices": "a,b"}</c> for a multi-select input.
/// </summary>
public static class ChoiceSubmit
{
    public const string ChoiceKey = "choice";
    public const string ChoicesKey = "choices";

    public static string? SingleValue(JsonNode? value) => Read(value, ChoiceKey);

    public static IReadOnlyList<string>? ManyValues(JsonNode? value) =>
        value is JsonObject obj && obj.ContainsKey(ChoicesKey)
            ? (Read(value, ChoicesKey) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;

    private static string? Read(JsonNode? value, string key) =>
        value is JsonObject obj && obj.TryGetPropertyValue(key, out var node) && node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;
}
