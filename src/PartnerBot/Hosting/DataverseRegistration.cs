using Azure.Core;
using Microsoft.Extensions.Options;
using PartnerBot.Crm;

namespace PartnerBot.Hosting;

public static class DataverseRegistration
{
    /// <summary>
    /// Leads written to Dynamics 365 (Dataverse) from the webhook outbox: the settings, checked at start (an https
    /// environment, http only to this machine in Development; credentials to sign in with), the HTTP client, which
    /// follows no redirect, and the credential (one registered beforehand, else <c>Crm:Dataverse</c>'s app
    /// registration, else the bot's own identity).
    /// </summary>
    public static IHostApplicationBuilder AddDataverse(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DataverseOptions>()
            .BindConfiguration(DataverseOptions.Section)
            .Validate<IHostEnvironment>((o, environment) => !o.Configured || (WebhookRegistration.IsAllowedUrl(o.Url!, environment.IsDevelopment()) && new Uri(o.Url!).AbsolutePath == "/"),
                "Crm:Dataverse:Url is the environment's https address, e.g. https://contoso.crm4.dynamics.com (http only to this machine, in Development).")
            .Validate<IServiceProvider>((o, sp) => !o.Configured || sp.GetService<TokenCredential>() is not null || Credential(o, sp) is not null,
                "Crm:Dataverse:Url needs credentials: the bot's (Bot:MicrosoftAppId with its password and Bot:MicrosoftAppTenantId, or a managed identity) or Crm:Dataverse:TenantId, ClientId and ClientSecret.")
            .ValidateOnStart();
        services.AddHttpClient(DataverseLeadSync.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddKeyedSingleton(DataverseLeadSync.CredentialKey, (sp, _) =>
            sp.GetService<TokenCredential>() ?? Credential(sp.GetRequiredService<IOptions<DataverseOptions>>().Value, sp) ?? AppCredentials.Unavailable("Crm:Dataverse is not configured."));
        services.AddSingleton<DataverseLeadSync>();
        return builder;
    }

    private static TokenCredential? Credential(DataverseOptions dataverse, IServiceProvider sp) =>
        AppCredentials.For(dataverse.TenantId, dataverse.ClientId, dataverse.ClientSecret, sp.GetRequiredService<IOptions<BotOptions>>().Value);
}
