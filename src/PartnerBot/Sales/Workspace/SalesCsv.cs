using System.Globalization;
using System.Text;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The export: RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel reads it as UTF-8,
/// written a page at a time as the store returns them, so an export of any size never sits in memory. A prospect
/// typed the contact details: a cell that a spreadsheet would run as a formula (starting with = + - @, tab or
/// carriage return) gets a leading apostrophe and stays text.
/// </summary>
public static class SalesCsv
{
    public static readonly string[] Header =
    [
        "last activity (UTC)", "started (UTC)", "channel", "conversation type", "company", "name", "email", "phone", "engagement model",
        "starting phase", "status", "owner", "consent", "contact requested", "progress", "messages", "id",
        "call (UTC)", "call status",
    ];

    public static async Task WriteAsync(Stream output, IConversationRecords records, ConversationQuery query, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header));
        var next = query;
        while (true)
        {
            var page = await records.QueryAsync(next, cancellationToken);
            foreach (var record in page.Records) await writer.WriteAsync(Line(Row(record)));
            await writer.FlushAsync(cancellationToken);
            if (page.ContinuationToken is null) return;
            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }

    private static string[] Row(ConversationRecord record)
    {
        var anonymous = record.Consent == Consent.Declined;
        var meeting = anonymous ? null : LeadMeeting.Of(record);
        return
        [
            Time(record.LastActivityAt), Time(record.StartedAt), SalesQuery.ChannelGroup(record.ChannelId), record.ConversationType ?? "",
            anonymous ? "" : record.Company ?? "",
            anonymous ? LeadViews.Anonymous : record.ContactName ?? record.UserName ?? "",
            anonymous ? "" : record.Email ?? "",
            anonymous ? "" : record.Contact?["phone"]?.GetValue<string>() ?? "",
            record.OutcomeModel ?? "", record.OutcomePhase ?? "", record.FollowUp.Status.ToString().ToLowerInvariant(), record.FollowUp.Owner?.Name ?? "",
            record.Consent.ToString().ToLowerInvariant(), record.ContactRequested ? "yes" : "no", LeadViews.Progress(record),
            record.MessageCount.ToString(CultureInfo.InvariantCulture), record.Id,
            meeting is null ? "" : Time(meeting.Start),
            meeting is null ? "" : meeting.Cancelled ? "cancelled" : "booked",
        ];
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
