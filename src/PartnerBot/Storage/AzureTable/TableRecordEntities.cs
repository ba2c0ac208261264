using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;

namespace PartnerBot.Storage.AzureTable;

/// <summary>A conversation record as a Table entity and back, including rows written by earlier versions.</summary>
internal static class TableRecordEntities
{
    /// <summary>Sales' properties of a record or index row: the status and owner to filter on, the whole follow-up, its version.</summary>
    public static TableEntity SalesFields(string partition, string row, FollowUp followUp)
    {
        var change = new TableEntity(partition, row)
        {
            ["FollowUpStatus"] = followUp.Status.ToString(),
            ["OwnerId"] = followUp.Owner?.Id ?? "",
            ["SalesVersion"] = followUp.Version,
        };
        TablePayload.Write(change, "FollowUp", JsonSerializer.Serialize(followUp, PartnerBot.BotFramework.Schema.BotJson.Options));
        return change;
    }

    /// <summary>The follow-up, also of rows written before it existed (a notes property, the status "Closed").</summary>
    public static FollowUp ReadFollowUp(TableEntity entity) =>
        (TablePayload.Read(entity, "FollowUp") is { } json
            ? JsonSerializer.Deserialize<FollowUp>(json, PartnerBot.BotFramework.Schema.BotJson.Options)!
            : FollowUp.FromLegacyNotes(entity.GetString("Notes"), entity.GetDateTimeOffset("LastActivityAt") ?? default))
            with { Status = FollowUp.ParseStatus(entity.GetString("FollowUpStatus")), Version = entity.GetInt64("SalesVersion") ?? 0 };

    public static TableEntity ToEntity(ConversationRecord record, (string Partition, string Row) key)
    {
        var entity = new TableEntity(key.Partition, key.Row)
        {
            ["Id"] = record.Id,
            ["ConversationId"] = record.ConversationId,
            ["ChannelId"] = record.ChannelId,
            ["ConversationType"] = record.ConversationType,
            ["TenantId"] = record.TenantId,
            ["UserId"] = record.UserId,
            ["UserName"] = record.UserName,
            ["StartedAt"] = record.StartedAt,
            ["LastActivityAt"] = record.LastActivityAt,
            ["MessageCount"] = record.MessageCount,
            ["Consent"] = record.Consent.ToString(),
            ["OutcomeModel"] = record.OutcomeModel,
            ["OutcomePhase"] = record.OutcomePhase,
            ["Company"] = record.Company,
            ["Email"] = record.Email,
            ["EmailKey"] = record.Email?.ToLowerInvariant(),
            ["ContactName"] = record.ContactName,
            ["ContactRequested"] = record.ContactRequested,
            ["QuestionsAnswered"] = record.QuestionsAnswered,
            ["Finished"] = record.Finished,
        };
        foreach (var (name, value) in SalesFields(key.Partition, key.Row, record.FollowUp)) entity[name] = value;
        TablePayload.Write(entity, "Answers", record.Answers?.ToJsonString());
        TablePayload.Write(entity, "Outcome", record.Outcome?.ToJsonString());
        TablePayload.Write(entity, "Contact", record.Contact?.ToJsonString());
        TablePayload.Write(entity, "Reference", record.ConversationReference?.ToJsonString());
        TablePayload.Write(entity, "Meeting", record.Meeting?.ToJsonString());
        return entity;
    }

    public static ConversationRecord FromEntity(TableEntity entity) => new()
    {
        Id = entity.GetString("Id"),
        ConversationId = entity.GetString("ConversationId"),
        ChannelId = entity.GetString("ChannelId"),
        ConversationType = entity.GetString("ConversationType"),
        TenantId = entity.GetString("TenantId"),
        UserId = entity.GetString("UserId"),
        UserName = entity.GetString("UserName"),
        StartedAt = entity.GetDateTimeOffset("StartedAt") ?? default,
        LastActivityAt = entity.GetDateTimeOffset("LastActivityAt") ?? default,
        MessageCount = entity.GetInt32("MessageCount") ?? 0,
        Consent = Enum.Parse<Consent>(entity.GetString("Consent")),
        Answers = Json(TablePayload.Read(entity, "Answers")),
        Outcome = Json(TablePayload.Read(entity, "Outcome")),
        OutcomeModel = entity.GetString("OutcomeModel"),
        Contact = Json(TablePayload.Read(entity, "Contact")),
        OutcomePhase = entity.GetString("OutcomePhase"),
        // Rows from before these properties have them only in the contact details.
        Company = entity.GetString("Company") ?? ContactText(entity, "company"),
        Email = entity.GetString("Email") ?? ContactText(entity, "email"),
        ContactName = entity.GetString("ContactName") ?? ContactText(entity, "name"),
        QuestionsAnswered = entity.GetInt32("QuestionsAnswered") ?? 0,
        Finished = entity.GetBoolean("Finished") ?? false,
        FollowUp = ReadFollowUp(entity),
        ConversationReference = Json(TablePayload.Read(entity, "Reference")),
        Meeting = Json(TablePayload.Read(entity, "Meeting")),
    };

    public static JsonNode? Json(string? text) => text is null ? null : JsonNode.Parse(text);

    public static string? ContactText(TableEntity entity, string name) =>
        entity.ContainsKey("Company") || TablePayload.Read(entity, "Contact") is not { } contact ? null
            : JsonNode.Parse(contact)?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
