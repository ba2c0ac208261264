using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Infrastructure;
using PartnerBot.Tests.Sales;
using PartnerBot.Tests.Webhooks;
using PartnerBot.Webhooks;

namespace PartnerBot.Tests.Booking;

/// <summary>
/// Booking a call in the running app against a loopback Graph: free times from getSchedule, an event with a Teams
/// meeting and the prospect as attendee, a time taken meanwhile, Graph's 429, a bad token, cancelling; and the
/// booking on the lead in the workspace, the CSV and the webhook.
/// </summary>
public sealed class BookingTests : IAsyncLifetime
{
    private FakeGraph _graph = null!;
    private WebhookReceiver _receiver = null!;
    private readonly FakeGraph.Credential _credential = new();

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _graph.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private PartnerBotApplication App(bool goodToken = true) => new(settings: new Dictionary<string, string?>
    {
        ["Booking:Mailbox"] = FakeGraph.Mailbox,
        ["Booking:GraphUrl"] = _graph.Url,
        // Every hour of every day, so the times offered do not depend on when the suite runs.
        ["Booking:Hours:Weekly:Monday"] = "00:00-24:00", ["Booking:Hours:Weekly:Tuesday"] = "00:00-24:00", ["Booking:Hours:Weekly:Wednesday"] = "00:00-24:00",
        ["Booking:Hours:Weekly:Thursday"] = "00:00-24:00", ["Booking:Hours:Weekly:Friday"] = "00:00-24:00", ["Booking:Hours:Weekly:Saturday"] = "00:00-24:00",
        ["Booking:Hours:Weekly:Sunday"] = "00:00-24:00",
        ["Booking:NoticeHours"] = "1",
        ["Webhooks:Endpoints:0:Name"] = "crm",
        ["Webhooks:Endpoints:0:Url"] = _receiver.Url,
        ["Webhooks:Endpoints:0:Secret"] = WebhookReceiver.Secret,
        ["Webhooks:PollSeconds"] = "1",
    }, services: services =>
    {
        services.AddSingleton<Azure.Core.TokenCredential>(goodToken ? _credential : new BadCredential());
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>();
    });

    [Fact]
    public async Task A_prospect_books_a_free_time_and_the_call_is_on_the_lead_in_the_workspace_the_csv_and_the_webhook()
    {
        var now = DateTimeOffset.UtcNow;
        _graph.Busy(now, now.AddHours(4));
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var booked = await chat.SendAsync("1");
        booked.Expect("Booked: your call with one of our experts").Expect("ada@acme-medical.example").Expect("Join in Microsoft Teams");

        var created = Assert.Single(_graph.Events);
        // Not during the appointment already there, not before the notice, on the half-hour grid, half an hour long.
        Assert.True(created.Start >= now.AddHours(4), $"{created.Start:O} is inside the busy time");
        Assert.Equal(0, created.Start.Minute % 30);
        Assert.Equal(TimeSpan.FromMinutes(30), created.End - created.Start);
        Assert.True(created.Body["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", created.Body["onlineMeetingProvider"]!.GetValue<string>());
        var attendee = created.Body["attendees"]!.AsArray().Single()!;
        Assert.Equal(("ada@acme-medical.example", "Ada Prospect", "required"),
            (attendee["emailAddress"]!["address"]!.GetValue<string>(), attendee["emailAddress"]!["name"]!.GetValue<string>(), attendee["type"]!.GetValue<string>()));
        Assert.Contains("Acme Medical", created.Body["subject"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(created.Body["transactionId"]?.GetValue<string>()));
        // The prospect is invited only once the calendar shows the time is theirs.
        Assert.Equal(["events", "calendarView", "update"], _graph.Requests.Where(r => r is "events" or "calendarView" or "update"));
        Assert.All(_graph.PreferHeaders, p => Assert.Equal("outlook.timezone=\"UTC\"", p));
        // The token is asked for Graph's own scope (the fake's address stands in for graph.microsoft.com).
        Assert.Contains(new Uri(_graph.Url).GetLeftPart(UriPartial.Authority) + "/.default", _credential.Scopes);

        var sales = SalesApp.Client(app);
        var detail = JsonNode.Parse(await sales.GetStringAsync("/api/sales/conversations/" + SalesLeads.Key(chat)))!;
        Assert.Equal(created.Id, detail["meeting"]!["id"]!.GetValue<string>());
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", detail["meeting"]!["joinUrl"]!.GetValue<string>());
        var csv = await sales.GetStringAsync("/api/sales/export.csv");
        Assert.Contains(",call (UTC),call status", csv);
        Assert.Contains(created.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") + ",booked", csv);

        await _receiver.WaitForAsync(WebhookEventTypes.MeetingBooked);
        var meeting = Assert.Single(_receiver.DeliveredOf(WebhookEventTypes.MeetingBooked)).Json["data"]!["lead"]!["meeting"]!;
        Assert.Equal((created.Id, "booked"), (meeting["eventId"]!.GetValue<string>(), meeting["status"]!.GetValue<string>()));

        (await chat.SendAsync("cancel my meeting")).Expect("Cancel your call on");
        (await chat.SendAsync("yes")).Expect("Your call is cancelled");
        Assert.True(Assert.Single(_graph.Events).Cancelled);
        await _receiver.WaitForAsync(WebhookEventTypes.MeetingCancelled);
        detail = JsonNode.Parse(await sales.GetStringAsync("/api/sales/conversations/" + SalesLeads.Key(chat)))!;
        Assert.True(detail["meeting"]!["cancelled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_time_booked_by_someone_else_meanwhile_is_refused_and_fresh_times_are_offered()
    {
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        // Everything from now for two days goes to someone else before the prospect picks.
        _graph.Busy(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(2));
        (await chat.SendAsync("1")).Expect("someone booked that time a moment ago").Expect("the next free times").ExpectNot("Booked:");
        Assert.Empty(_graph.Events);
        (await chat.SendAsync("1")).Expect("Booked:");
        Assert.True(Assert.Single(_graph.Events).Start >= DateTimeOffset.UtcNow.AddDays(2).AddMinutes(-1));
    }

    [Fact]
    public async Task Of_two_instances_booking_one_time_at_once_the_later_gives_way_unseen_and_its_prospect_is_offered_other_times()
    {
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        // Both checked getSchedule before either had made its event; the other instance's came first.
        _graph.RaceNextEvent(otherFirst: true);
        (await chat.SendAsync("1")).Expect("someone booked that time a moment ago").Expect("the next free times").ExpectNot("Booked:");
        var other = Assert.Single(_graph.Events);
        Assert.Equal("Booked by another instance", other.Body["subject"]!.GetValue<string>());
        // This instance's hold is gone, and it never invited the prospect: no mail went out for a time they did not get.
        var hold = Assert.Single(_graph.Deleted);
        Assert.Null(hold.Body["attendees"]);
        Assert.DoesNotContain("update", _graph.Requests);

        (await chat.SendAsync("1")).Expect("Booked:");
        var booked = Assert.Single(_graph.Events, e => e.Body["attendees"] is not null);
        Assert.True(booked.Start >= other.End || booked.End <= other.Start, "the new time overlaps the one taken");
    }

    [Fact]
    public async Task Of_two_instances_booking_one_time_at_once_the_earlier_keeps_it_and_invites_its_prospect()
    {
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        // The other instance made its event a moment after this one: it is the one to give way.
        _graph.RaceNextEvent(otherFirst: false);
        (await chat.SendAsync("1")).Expect("Booked:");
        Assert.Empty(_graph.Deleted);
        var ours = Assert.Single(_graph.Events, e => e.Body["attendees"] is not null);
        Assert.Equal("ada@acme-medical.example", ours.Body["attendees"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_409_from_Graph_is_a_taken_time_and_a_429_is_retried_after_Retry_After_without_a_second_event()
    {
        using var app = App();
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        _graph.FailNextEvent(409);
        (await chat.SendAsync("1")).Expect("someone booked that time");
        _graph.FailNextEvent(429, "0");
        (await chat.SendAsync("1")).Expect("Booked:");
        Assert.Single(_graph.Events);
        Assert.Equal(3, _graph.Requests.Count(r => r == "events"));
    }

    [Fact]
    public async Task A_token_Graph_refuses_tells_the_prospect_an_expert_will_write_and_loses_nothing()
    {
        using var app = App(goodToken: false);
        var chat = await SalesLeads.ExpertRequestAsync(app, "Ada Prospect", "ada@acme-medical.example", "Acme Medical");
        var replies = await chat.SendAsync("book a call");
        replies.Expect("can't reach our calendar");
        Assert.Empty(_graph.Events);
        // The lead is there for sales all the same.
        var detail = JsonNode.Parse(await SalesApp.Client(app).GetStringAsync("/api/sales/conversations/" + SalesLeads.Key(chat)))!;
        Assert.Equal("ada@acme-medical.example", detail["contact"]!["email"]!.GetValue<string>());
        Assert.Null(detail["meeting"]);
    }

    private sealed class BadCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("forged-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
