using Azure.Core;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using PartnerBot.Advisor.Booking;
using PartnerBot.Booking;

namespace PartnerBot.Hosting;

public static class BookingRegistration
{
    public const string GraphClientName = "graph";

    /// <summary>
    /// Calls booked from the chat: the settings, checked at start (the hours, a booking page on https, Graph's address,
    /// a tenant to sign in to), and the calendar the advisor books in. Graph is called as the bot's own app registration
    /// (its secret or managed identity) unless <c>Booking:ClientId</c> names another; a <see cref="TokenCredential"/>
    /// registered beforehand is used instead of either.
    /// </summary>
    public static IHostApplicationBuilder AddBooking(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BookingOptions>()
            .BindConfiguration(BookingOptions.Section)
            .Validate(o => o.MeetingMinutes is >= 15 and <= 240 && o.SlotsOffered is >= 1 and <= 8 && o.DaysAhead is >= 1 and <= 60
                    && o.NoticeHours is >= 0 and <= 168 && o.TimeoutSeconds is >= 1 and <= 60,
                "Booking: MeetingMinutes is 15 to 240, SlotsOffered 1 to 8, DaysAhead 1 to 60, NoticeHours 0 to 168 and TimeoutSeconds 1 to 60.")
            .Validate(o => string.IsNullOrWhiteSpace(o.Link) || o.BookingLink is not null, "Booking:Link is an https address.")
            .Validate<IHostEnvironment>((o, environment) => WebhookRegistration.IsAllowedUrl(o.GraphUrl, environment.IsDevelopment()),
                "Booking:GraphUrl is an https address (http only to this machine, in Development).")
            .Validate<IServiceProvider>((o, sp) => !o.HasCalendar || sp.GetService<TokenCredential>() is not null || Credential(o, sp) is not null,
                "Booking:Mailbox needs credentials for Microsoft Graph: the bot's (Bot:MicrosoftAppId with its password and Bot:MicrosoftAppTenantId, or a managed identity) or Booking:TenantId, ClientId and ClientSecret.")
            .ValidateOnStart();
        // Its own type: the live chat's hours are a BusinessHours too.
        services.AddSingleton(sp => new BookingHours(sp.GetRequiredService<IOptions<BookingOptions>>().Value.ReadHours()));
        services.AddSingleton<IStartupCheck, ResolvesCheck<BookingHours>>();
        // Graph's own handlers (retry after Retry-After on 429 and 503, redirects, compression) in the factory's client.
        services.AddHttpClient(GraphClientName)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var handler in GraphClientFactory.CreateDefaultHandlers()) handlers.Add(handler);
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BookingOptions>>().Value;
            var credential = sp.GetService<TokenCredential>() ?? Credential(options, sp) ?? AppCredentials.Unavailable("Booking:Mailbox is not configured.");
            var graph = new Uri(options.GraphUrl);
            // Tokens go to the configured Graph host only (the global service, a national cloud's), for its own .default scope.
            var authentication = new Microsoft.Kiota.Authentication.Azure.AzureIdentityAuthenticationProvider(
                credential, allowedHosts: [graph.Host], scopes: [new Uri(graph, "/.default").AbsoluteUri]);
            return new GraphServiceClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(GraphClientName), authentication, options.GraphUrl.TrimEnd('/'));
        });
        services.AddSingleton<GraphMeetingCalendar>();
        services.AddSingleton<IMeetingCalendar>(sp => sp.GetRequiredService<GraphMeetingCalendar>());
        return builder;
    }

    private static TokenCredential? Credential(BookingOptions booking, IServiceProvider sp) =>
        AppCredentials.For(booking.TenantId, booking.ClientId, booking.ClientSecret, sp.GetRequiredService<IOptions<BotOptions>>().Value);
}
