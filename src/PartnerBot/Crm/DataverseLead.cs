using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Sales.Alerts;
using PartnerBot.Sales.Workspace;
using PartnerBot.Storage;

namespace PartnerBot.Crm;

/// <summary>
/// A PartnerBot lead as a Dataverse <c>lead</c> row: its id derived from the lead's key (so a retried create can only
/// ever hit the row it already made), the contact columns, the source, the status, and the assessment in the
/// description. Lengths are cut to the columns' default maximums so that a long answer never fails the write.
/// </summary>
public static class DataverseLead
{
    // The lead table's leadsourcecode choices (Web, Other) and statecode/statuscode pairs, as Dynamics 365 ships them.
    private const int SourceWeb = 8;
    private const int SourceOther = 10;

    /// <summary>The row's <c>leadid</c>: the same for the same lead on every attempt and every instance.</summary>
    public static Guid Id(string leadKey) => DerivedGuid("lead\n" + leadKey);

    /// <summary>The <c>annotationid</c> of the note that links the row to the conversation in the workspace.</summary>
    public static Guid NoteId(string leadKey) => DerivedGuid("note\n" + leadKey);

    /// <summary>Open (New, Contacted), Qualified, or Disqualified (Lost, Canceled for spam).</summary>
    public static (int State, int Status) StateOf(FollowUpStatus status) => status switch
    {
        FollowUpStatus.New => (0, 1),
        FollowUpStatus.Contacted => (0, 2),
        FollowUpStatus.Qualified or FollowUpStatus.Won => (1, 3),
        FollowUpStatus.Lost => (2, 4),
        FollowUpStatus.Spam => (2, 7),
        _ => (0, 1),
    };

    /// <summary>The columns PartnerBot owns; Dynamics users' own columns (owner, rating, topic edits) are left alone.</summary>
    public static JsonObject Columns(ConversationRecord record, string workspaceUrl)
    {
        var contact = record.Contact as JsonObject;
        string? Text(string name) => contact?[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
        var name = record.ContactName ?? Text("name") ?? record.UserName;
        var (first, last) = Split(name);
        var company = record.Company ?? Text("company");
        return new JsonObject
        {
            ["subject"] = Clip($"PartnerBot: {company ?? name ?? "a prospect"} ({LeadAlertCard.Recommended(record) ?? "assessment not finished"})", 300),
            ["firstname"] = Clip(first, 50),
            ["lastname"] = Clip(last ?? "(not given)", 50),
            ["companyname"] = Clip(company, 100),
            ["emailaddress1"] = Clip(record.Email ?? Text("email"), 100),
            ["telephone1"] = Clip(Text("phone"), 50),
            ["leadsourcecode"] = SalesQuery.ChannelGroup(record.ChannelId) == "web" ? SourceWeb : SourceOther,
            ["description"] = Clip(Description(record, workspaceUrl), 2000),
        };
    }

    /// <summary>What sales read first in Dynamics: where the prospect came from, the recommendation, the answers.</summary>
    public static string Description(ConversationRecord record, string workspaceUrl)
    {
        var text = new StringBuilder();
        text.Append("From the PartnerBot advisor (").Append(LeadAlertCard.CameFrom(record)).Append(", ")
            .Append(record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).AppendLine(").");
        text.AppendLine("Recommended: " + (LeadAlertCard.Recommended(record) ?? "the assessment is not finished yet"));
        var risks = (record.Outcome?["risks"] as JsonArray ?? []).Select(r => r?["title"]?.GetValue<string>()).OfType<string>().ToList();
        if (risks.Count > 0) text.AppendLine("Risks: " + string.Join("; ", risks));
        var answers = LeadViews.Answers(record);
        if (answers.Count > 0)
        {
            text.AppendLine().AppendLine("Answers:");
            foreach (var answer in answers) text.Append("- ").Append(answer.Question).Append(": ").AppendLine(answer.Answer);
        }
        if ((record.Contact as JsonObject)?["message"] is JsonValue message && message.TryGetValue<string>(out var said) && !string.IsNullOrWhiteSpace(said))
        {
            text.AppendLine().Append("Their message: ").AppendLine(said.Trim());
        }
        if (LeadMeeting.Of(record) is { } meeting) text.AppendLine().AppendLine($"Call: {meeting.StartUtc}{(meeting.Cancelled ? ", cancelled by the prospect" : ", booked in the chat")}");
        if (record.FollowUp.LiveChatAt is not null) text.AppendLine("Chatted live with sales in PartnerBot.");
        text.AppendLine().Append("Conversation and transcript: ").Append(workspaceUrl);
        return text.ToString();
    }

    /// <summary>The note that links the row to the conversation (the transcript stays in PartnerBot).</summary>
    public static JsonObject Note(string leadKey, string workspaceUrl) => new()
    {
        ["annotationid"] = NoteId(leadKey).ToString(),
        ["subject"] = "PartnerBot conversation",
        ["notetext"] = "The answers, the recommendation and the whole transcript are in the PartnerBot workspace: " + workspaceUrl,
        ["objectid_lead@odata.bind"] = $"/leads({Id(leadKey)})",
    };

    private static (string? First, string? Last) Split(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null);
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (null, trimmed) : (trimmed[..space].Trim(), trimmed[(space + 1)..]);
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..(max - 1)] + "…";

    /// <summary>A name-based GUID (RFC 9562 version 8) from a hash of the lead's key.</summary>
    private static Guid DerivedGuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("partnerbot.dataverse\n" + name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
