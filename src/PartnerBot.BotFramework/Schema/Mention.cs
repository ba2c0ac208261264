using System.Text.Json;

namespace PartnerBot.BotFramework.Schema;

/// <summary>A <c>mention</c> entity: who was mentioned and the markup (<c>&lt;at&gt;Name&lt;/at&gt;</c>) used.</summary>
public sealed record Mention(string? MentionedId, string? MentionedName, string? Text)
{
    public static Mention? FromEntity(Entity entity)
    {
        if (entity.ExtensionData is null) return null;
        string? id = null, name = null, text = null;
        if (entity.ExtensionData.TryGetValue("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object)
        {
            id = mentioned.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            name = mentioned.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        if (entity.ExtensionData.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String) text = t.GetString();
        return new Mention(id, name, text);
    }
}
