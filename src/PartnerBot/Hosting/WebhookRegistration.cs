using System.Net;
using Microsoft.Extensions.Options;
using PartnerBot.Webhooks;

namespace PartnerBot.Hosting;

public static class WebhookRegistration
{
    /// <summary>
    /// Signed webhooks to the configured endpoints: their settings, checked at start (https only, http to this machine
    /// only in Development; a secret in the <c>whsec_</c> form; known events), the outbox's sender and its HTTP client,
    /// which follows no redirect.
    /// </summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .Validate<IHostEnvironment>((o, environment) => o.Endpoints.All(e => IsAllowedUrl(e.Url, environment.IsDevelopment())),
                "Webhooks:Endpoints: each Url is an https address (http only to this machine, in Development).")
            .Validate(o => o.Endpoints.All(e => IsSecret(e.Secret)), "Webhooks:Endpoints: each Secret is a whsec_ secret (whsec_ and base64, at least 24 bytes).")
            .Validate(o => o.Endpoints.All(e => e.Events.All(WebhookEventTypes.All.Contains)),
                "Webhooks:Endpoints: Events are some of " + string.Join(", ", WebhookEventTypes.All) + ".")
            .Validate(o => o.Endpoints.Select(e => e.DisplayName).Append(Crm.DataverseOptions.EndpointName).Distinct(StringComparer.Ordinal).Count() == o.Endpoints.Length + 1,
                "Webhooks:Endpoints: each has its own Name (\"" + Crm.DataverseOptions.EndpointName + "\" is Dynamics 365's).")
            .Validate(o => o.RetrySeconds > 0 && o.GiveUpHours > 0 && o.DisableAfterHours > 0 && o.TimeoutSeconds is > 0 and <= 120 && o.PollSeconds > 0,
                "Webhooks:RetrySeconds, GiveUpHours, DisableAfterHours and PollSeconds are positive; TimeoutSeconds is 1 to 120.")
            .ValidateOnStart();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());
        services.AddSingleton<WebhookEvents>();
        return builder;
    }

    /// <summary>https, or http to this machine in Development; no user name or password in the address.</summary>
    internal static bool IsAllowedUrl(string url, bool development) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps
            || (development && uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))));

    private static bool IsSecret(string secret)
    {
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal)) return false;
        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret["whsec_".Length..], bytes, out var length) && length >= 24;
    }
}
