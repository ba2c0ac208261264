using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using PartnerBot.Advisor.Booking;
using PartnerBot.Advisor.Contact;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;
using PartnerBot.Telemetry;
using PartnerBot.Handoff;

namespace PartnerBot.Booking;

/// <summary>
/// Books calls in a Microsoft 365 calendar through Microsoft Graph, as the app (application permission
/// Calendars.ReadWrite): free times from <c>getSchedule</c> on the mailbox, booking by creating an event with a Teams
/// meeting, then adding the prospect as required attendee (Outlook sends the invitation), cancelling with the event's
/// <c>cancel</c> action (the attendee hears of it). Just before booking, the time is checked again, so one taken
/// meanwhile is refused; a 409 from Graph is read the same way. Two instances may still book one time in the same
/// instant: the event is first made as a hold that invites nobody, and the calendar view of its time decides, so the
/// later of two holds is deleted unseen and its prospect offered other times. The event's <c>transactionId</c> comes from the
/// conversation and the time, so a retried request never creates a second event. Graph's own handlers retry 429 and
/// 503 after <c>Retry-After</c>; the whole call is bounded by <see cref="BookingOptions.TimeoutSeconds"/>.
/// </summary>
public sealed partial class GraphMeetingCalendar(
    GraphServiceClient graph, IOptions<BookingOptions> options, BookingHours bookingHours, TimeProvider clock, ILogger<GraphMeetingCalendar> logger) : IMeetingCalendar
{
    private readonly BusinessHours hours = bookingHours.Hours;

    /// <summary>One booking at a time here, so two prospects of this instance never both get the same time.</summary>
    private readonly SemaphoreSlim _booking = new(1, 1);

    private BookingOptions Options => options.Value;

    public bool HasCalendar => Options.HasCalendar;

    public Uri? BookingLink => Options.BookingLink;

    public async Task<MeetingAvailability> FindSlotsAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var earliest = now.AddHours(Options.NoticeHours);
        var until = now.AddDays(Options.DaysAhead);
        try
        {
            using var timeout = Bounded(cancellationToken);
            var busy = await BusyAsync(earliest, until, timeout.Token);
            var slots = FreeSlots.Find(hours, busy, earliest, until, TimeSpan.FromMinutes(Options.MeetingMinutes), Options.SlotsOffered);
            return new MeetingAvailability(slots, hours.Zone);
        }
        catch (Exception exception) when (IsCalendarFailure(exception, cancellationToken))
        {
            LogUnreachable(logger, "getSchedule", Describe(exception));
            return new MeetingAvailability([], hours.Zone, Reachable: false);
        }
    }

    public async Task<BookingResult> BookAsync(TurnContext turn, MeetingSlot slot, ContactDetails attendee, CancellationToken cancellationToken)
    {
        await _booking.WaitAsync(cancellationToken);
        string? hold = null;
        try
        {
            using var timeout = Bounded(cancellationToken);
            if ((await BusyAsync(slot.Start, slot.End, timeout.Token)).Any(b => b.Start < slot.End && b.End > slot.Start)) return new BookingResult(BookingStatus.Taken, null);
            var events = graph.Users[Options.Mailbox].Events;
            // First a hold with nobody invited: another instance may be booking the same time this very moment.
            var created = await events.PostAsync(NewEvent(turn, slot, attendee), cancellationToken: timeout.Token);
            if (created?.Id is not { } id) return new BookingResult(BookingStatus.Failed, null);
            hold = id;
            if (await TakenBeforeAsync(created, slot, timeout.Token))
            {
                // The other booking came first. The hold invited nobody, so deleting it tells nobody anything.
                await events[id].DeleteAsync(cancellationToken: timeout.Token);
                hold = null;
                return new BookingResult(BookingStatus.Taken, null);
            }
            // The time is this prospect's: adding them as attendee is what sends Outlook's invitation.
            await events[id].PatchAsync(new Event { Attendees = [Invited(attendee)] }, cancellationToken: timeout.Token);
            hold = null;
            PartnerBotTelemetry.Meetings.Add(1, new System.Diagnostics.TagList { { "partnerbot.meeting.event", "booked" } });
            return new BookingResult(BookingStatus.Booked,
                new BookedMeeting(id, slot.Start, slot.End, created.OnlineMeeting?.JoinUrl, hours.Zone.Id, clock.GetUtcNow()));
        }
        catch (ODataError error) when (error.ResponseStatusCode == (int)HttpStatusCode.Conflict)
        {
            return new BookingResult(BookingStatus.Taken, null);
        }
        catch (Exception exception) when (IsCalendarFailure(exception, cancellationToken))
        {
            LogUnreachable(logger, "events", Describe(exception));
            return new BookingResult(BookingStatus.Failed, null);
        }
        finally
        {
            if (hold is not null) await ReleaseHoldAsync(hold);
            _booking.Release();
        }
    }

    /// <summary>
    /// Whether another appointment overlapping <paramref name="slot"/> was in the calendar before <paramref name="hold"/>
    /// was made (created earlier; at the same instant, the smaller id), so that of two instances booking one time at
    /// once exactly one keeps it. A free or cancelled appointment does not count.
    /// </summary>
    private async Task<bool> TakenBeforeAsync(Event hold, MeetingSlot slot, CancellationToken cancellationToken)
    {
        var view = await graph.Users[Options.Mailbox].CalendarView.GetAsync(request =>
        {
            request.QueryParameters.StartDateTime = slot.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            request.QueryParameters.EndDateTime = slot.End.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            request.QueryParameters.Select = ["id", "createdDateTime", "showAs", "isCancelled"];
            request.QueryParameters.Top = 50;
            request.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }, cancellationToken);
        var made = hold.CreatedDateTime ?? DateTimeOffset.MaxValue;
        return (view?.Value ?? []).Any(other =>
            other.Id != hold.Id && other.IsCancelled != true && other.ShowAs is not (FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere)
            && (other.CreatedDateTime ?? DateTimeOffset.MinValue) is var at
            && (at < made || (at == made && string.CompareOrdinal(other.Id, hold.Id) < 0)));
    }

    /// <summary>A hold left by a booking that failed half-way is taken out again, so that the time stays free.</summary>
    private async Task ReleaseHoldAsync(string id)
    {
        try
        {
            using var timeout = Bounded(CancellationToken.None);
            await graph.Users[Options.Mailbox].Events[id].DeleteAsync(cancellationToken: timeout.Token);
        }
        catch (Exception exception) when (IsCalendarFailure(exception, CancellationToken.None))
        {
            LogHoldLeft(logger, Describe(exception));
        }
    }

    public async Task<bool> CancelAsync(TurnContext turn, BookedMeeting meeting, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = Bounded(cancellationToken);
            await graph.Users[Options.Mailbox].Events[meeting.Id].Cancel.PostAsync(
                new CancelPostRequestBody { Comment = "Cancelled by the prospect in the chat." }, cancellationToken: timeout.Token);
            PartnerBotTelemetry.Meetings.Add(1, new System.Diagnostics.TagList { { "partnerbot.meeting.event", "cancelled" } });
            return true;
        }
        catch (ODataError error) when (error.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            // Already gone from the calendar (deleted by sales): nothing left to cancel.
            return true;
        }
        catch (Exception exception) when (IsCalendarFailure(exception, cancellationToken))
        {
            LogUnreachable(logger, "cancel", Describe(exception));
            return false;
        }
    }

    /// <summary>The mailbox's busy intervals from <paramref name="from"/> to <paramref name="until"/>, in UTC.</summary>
    private async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> BusyAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var response = await graph.Users[Options.Mailbox].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
        {
            Schedules = [Options.Mailbox!],
            StartTime = Utc(from),
            EndTime = Utc(until),
            AvailabilityViewInterval = Math.Clamp(Options.MeetingMinutes, 5, 1440),
        }, request => request.Headers.Add("Prefer", "outlook.timezone=\"UTC\""), cancellationToken);
        var busy = new List<(DateTimeOffset, DateTimeOffset)>();
        foreach (var schedule in response?.Value ?? [])
        {
            if (schedule.Error is { } error) throw new InvalidOperationException($"getSchedule refused the mailbox: {error.ResponseCode}");
            foreach (var item in schedule.ScheduleItems ?? [])
            {
                if (item.Status is FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere) continue;
                if (Read(item.Start) is { } start && Read(item.End) is { } end) busy.Add((start, end));
            }
        }
        return busy;
    }

    private Event NewEvent(TurnContext turn, MeetingSlot slot, ContactDetails attendee) => new()
    {
        Subject = $"{Options.Subject}: {attendee.Company}",
        Body = new ItemBody
        {
            ContentType = BodyType.Html,
            Content = "<p>Booked by the prospect in the advisor chat.</p><p>"
                + string.Join("<br>", new[] { attendee.Name, attendee.Company, attendee.Email, attendee.Phone, attendee.Message }
                    .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => WebUtility.HtmlEncode(v)))
                + "</p>",
        },
        Start = Utc(slot.Start),
        End = Utc(slot.End),
        IsOnlineMeeting = true,
        OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
        AllowNewTimeProposals = false,
        TransactionId = TransactionId(turn, slot),
    };

    private static Attendee Invited(ContactDetails attendee) =>
        new() { Type = AttendeeType.Required, EmailAddress = new EmailAddress { Address = attendee.Email, Name = attendee.Name } };

    /// <summary>The same for every attempt to book this time in this conversation.</summary>
    internal static string TransactionId(TurnContext turn, MeetingSlot slot)
    {
        var key = $"{turn.Activity.ChannelId}|{turn.Activity.Conversation?.Id}|{turn.Activity.From?.Id}|{slot.Start.UtcTicks}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16)).ToString();
    }

    private static DateTimeTimeZone Utc(DateTimeOffset instant) =>
        new() { DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), TimeZone = "UTC" };

    private static DateTimeOffset? Read(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var zone = string.IsNullOrEmpty(value.TimeZone) || value.TimeZone == "UTC" ? TimeZoneInfo.Utc : MeetingTimes.Zone(value.TimeZone);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(Options.TimeoutSeconds));
        return source;
    }

    /// <summary>The calendar failed or took too long; the prospect's own cancellation (shutdown) is not one of these.</summary>
    private static bool IsCalendarFailure(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            ApiException or HttpRequestException or InvalidOperationException or Azure.Identity.AuthenticationFailedException or Azure.RequestFailedException => true,
            _ => false,
        };

    private static string Describe(Exception exception) => exception switch
    {
        ODataError error => $"HTTP {error.ResponseStatusCode} {LogValue.Clean(error.Error?.Code)}",
        ApiException api => $"HTTP {api.ResponseStatusCode}",
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A hold for a call that was not booked could not be taken out of the booking calendar ({Failure}); its time shows busy until sales delete it")]
    private static partial void LogHoldLeft(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The booking calendar did not answer ({Operation}: {Failure}); the prospect is offered e-mail or the booking page")]
    private static partial void LogUnreachable(ILogger logger, string operation, string failure);
}
