using System.Text.Json.Nodes;

namespace PartnerBot.BotFramework.Schema;

/// <summary>The HTTP status and body a bot answers an <c>invoke</c> activity with.</summary>
public sealed record InvokeResponse(int Status, JsonNode? Body);
