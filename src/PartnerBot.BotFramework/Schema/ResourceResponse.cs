namespace PartnerBot.BotFramework.Schema;

/// <summary>What the Connector returns for a sent activity: <c>{ "id": "…" }</c>.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
