namespace PartnerBot.Storage;

/// <summary>The fields of a conversation record the sales list filters on.</summary>
public enum RecordField
{
    StartedAt,
    LastActivityAt,
    Status,
    OutcomeModel,
    OutcomePhase,
    ChannelId,
    OwnerId,
    Consent,
    /// <summary>The contact details; present when the prospect asked to be contacted.</summary>
    Contact,
    Email,
    /// <summary>Company, names and e-mail in lower case (<see cref="ConversationRecord.SearchText"/>).</summary>
    SearchText,
    /// <summary>When a colleague first chatted live with the lead; present once one did.</summary>
    LiveChat,
    /// <summary>1 when the assessment is complete, 0 otherwise.</summary>
    Finished,
    /// <summary>How many numbered questions were answered.</summary>
    QuestionsAnswered,
}

public enum FilterOperator
{
    AtLeast,
    Before,
    Is,
    IsIgnoringCase,
    IsAnyOf,
    IsMissing,
    IsPresent,
    Contains,
    /// <summary>A whole number equal to the value (a <see cref="long"/>).</summary>
    IsNumber,
}

/// <summary>
/// One condition of the sales list: the meaning of a filter, written once. <see cref="ConversationQuery.Conditions"/>
/// turns a query into these; the in-memory check (<see cref="Holds"/>), the SQLite provider's SQL and the Table
/// provider's OData are each a translation of them, so the three cannot drift apart.
/// </summary>
/// <param name="Value">A <see cref="DateTimeOffset"/> for <see cref="RecordField.StartedAt"/>, a list of text for
/// <see cref="FilterOperator.IsAnyOf"/>, text otherwise (enums by name); none for missing and present.</param>
public sealed record FilterCondition(RecordField Field, FilterOperator Operator, object? Value = null)
{
    public bool Holds(ConversationRecord record)
    {
        var actual = ValueOf(record, Field);
        return Operator switch
        {
            FilterOperator.AtLeast => ((DateTimeOffset)actual!).CompareTo((DateTimeOffset)Value!) >= 0,
            FilterOperator.Before => ((DateTimeOffset)actual!).CompareTo((DateTimeOffset)Value!) < 0,
            FilterOperator.Is => actual is string text && text == (string)Value!,
            FilterOperator.IsIgnoringCase => actual is string text && string.Equals(text, (string)Value!, StringComparison.OrdinalIgnoreCase),
            FilterOperator.IsAnyOf => actual is string text && ((IReadOnlyList<string>)Value!).Contains(text),
            FilterOperator.IsMissing => actual is null,
            FilterOperator.IsPresent => actual is not null,
            FilterOperator.Contains => actual is string text && text.Contains((string)Value!, StringComparison.Ordinal),
            FilterOperator.IsNumber => actual is long number && number == (long)Value!,
            _ => throw new NotSupportedException($"Unknown filter operator {Operator}."),
        };
    }

    /// <summary>What a record holds in a field, in the form the conditions compare.</summary>
    private static object? ValueOf(ConversationRecord record, RecordField field) => field switch
    {
        RecordField.StartedAt => record.StartedAt,
        RecordField.LastActivityAt => record.LastActivityAt,
        RecordField.Status => record.FollowUp.Status.ToString(),
        RecordField.OutcomeModel => record.OutcomeModel,
        RecordField.OutcomePhase => record.OutcomePhase,
        RecordField.ChannelId => record.ChannelId,
        RecordField.OwnerId => record.FollowUp.Owner?.Id,
        RecordField.Consent => record.Consent.ToString(),
        // Presence only; typed as object so that no arm is converted to another's type (a DateTimeOffset would become a JsonNode).
        RecordField.Contact => (object?)record.Contact,
        RecordField.Email => record.Email,
        RecordField.SearchText => record.SearchText,
        RecordField.LiveChat => (object?)record.FollowUp.LiveChatAt,
        RecordField.Finished => record.Finished ? 1L : 0L,
        RecordField.QuestionsAnswered => (long)record.QuestionsAnswered,
        _ => throw new NotSupportedException($"Unknown record field {field}."),
    };
}
