using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.BotFramework.Schema;

/// <summary>An activity entity. Its payload depends on <see cref="Type"/> and is kept as-is.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
