using PartnerBot.ConversationLog;
using IMiddleware = PartnerBot.BotFramework.Builder.IMiddleware;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Advisor.Knowledge;
using PartnerBot.Advisor.Questionnaire;
using PartnerBot.Bot;
using PartnerBot.BotFramework.Authentication;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Cards;
using PartnerBot.BotFramework.Connector;
using PartnerBot.BotFramework.Dialogs;
using PartnerBot.Sales;
using PartnerBot.Storage;

namespace PartnerBot.Hosting;

public static class BotRegistration
{
    /// <summary>The turn pipeline (middleware in order), the advisor's dialogs and the outbound Connector.</summary>
    public static IHostApplicationBuilder AddPartnerBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>()
            .Bind(builder.Configuration)
            .Validate(o => !o.AuthenticationEnabled || o.IsManagedIdentity || !string.IsNullOrWhiteSpace(o.MicrosoftAppPassword),
                "MicrosoftAppPassword is required with a MicrosoftAppId (unless MicrosoftAppType is UserAssignedMsi).")
            .Validate(o => !o.IsSingleTenant || !string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId),
                "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.")
            .Validate<IHostEnvironment>((o, environment) => o.AuthenticationEnabled || o.AllowUnauthenticated || environment.IsDevelopment(),
                "Channel authentication is off (no MicrosoftAppId) outside the Development environment. Configure the Azure Bot registration "
                + "(MicrosoftAppId and its credentials), or set Bot:AllowUnauthenticated=true for a website-only deployment: /api/messages then "
                + "accepts activities only from this machine.")
            .ValidateOnStart();
        services.AddHostedService<UnauthenticatedModeWarning>();
        services.AddOptions<BotFrameworkEndpointsOptions>().BindConfiguration(BotFrameworkEndpointsOptions.Section);
        services.AddOptions<AdvisorOptions>().BindConfiguration(AdvisorOptions.Section)
            .Validate(o => PartnerBot.Advisor.Languages.Language.Find(o.Language) is not null, "Advisor:Language must be one of the advisor's languages: en, de or fr.")
            .ValidateOnStart();
        services.AddHostedService<MissingTranslationLog>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);

        services.AddSingleton(TimeProvider.System);
        // Loaded now, so a missing or broken card stops the app at start rather than on a prospect's turn.
        services.AddSingleton(new CardLibrary(builder.Configuration["Cards:Path"] ?? Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var environment = sp.GetRequiredService<IHostEnvironment>();
            var keyFile = string.IsNullOrWhiteSpace(options.UserIdHashKeyPath)
                ? StorageRegistration.KeyFile(environment, storage, "privacy.key")
                : StorageRegistration.ResolvePath(environment, options.UserIdHashKeyPath);
            return UserIdHasher.FromConfiguredOrPersistedKey(options.UserIdHashKey, keyFile);
        });
        services.AddSingleton<IStartupCheck, ResolvesCheck<UserIdHasher>>();
        services.AddSingleton<TranscriptRedactor>();

        services.AddSingleton(sp => AdvisorDialogs.Create(
            sp.GetRequiredService<CardLibrary>(), sp.GetRequiredService<IOptions<AdvisorOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetService<PartnerBot.Advisor.LiveChat.ILiveChatDesk>(), sp.GetService<PartnerBot.Advisor.Booking.IMeetingCalendar>()));
        services.AddSingleton(new InterruptionOptions());
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section);
        // Indexed once, at start: a broken entry stops the app with its file name rather than failing a prospect's question.
        services.AddSingleton(sp =>
        {
            var knowledge = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return KnowledgeBase.Load(knowledge.Path ?? Path.Combine(AppContext.BaseDirectory, "knowledge"), knowledge.AdditionalPath);
        });
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DialogManager>(sp, nameof(AdvisorDialog)));

        // Middleware runs in this order around every turn. Sales' own commands, claims and live-chat replies in Teams
        // come first: they are not a prospect's conversation.
        services.AddSingleton<IMiddleware, PartnerBot.Sales.Alerts.LeadAlertMiddleware>();
        services.AddSingleton<IMiddleware, PartnerBot.Handoff.LiveChatThreadMiddleware>();
        services.AddSingleton<IMiddleware, ConversationLoggingMiddleware>();
        services.AddSingleton<IUnfinishedTurnRepair, UnfinishedTurnTranscript>();
        services.AddSingleton<IMiddleware>(new MessageSizeMiddleware());
        services.AddSingleton<IMiddleware>(new ShowTypingMiddleware());
        services.AddSingleton<IMiddleware, RemoveRecipientMentionMiddleware>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AdvisorOptions>>().Value);
        services.AddSingleton<IBot, AdvisorBot>();
        services.AddSingleton<ITurnErrorHandler, TurnErrorHandler>();
        services.AddSingleton<BotAdapter>();

        services.AddHttpClient(ConnectorDeliveryFactory.HttpClientName);
        services.AddHttpClient(OpenIdMetadataHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton(sp => new TrustedServiceUrls(sp.GetRequiredService<IOptions<BotFrameworkEndpointsOptions>>().Value.TrustedServiceUrlHosts));
        services.AddSingleton(_ => ConversationSendPacer.ForTeams());
        services.AddSingleton(CreateCredentials);
        services.AddSingleton(sp => new ChannelAuthentication(CreateTokenValidator(sp)));
        services.AddSingleton(sp => new ConnectorDeliveryFactory(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IConnectorCredentials>(), sp.GetRequiredService<ConversationSendPacer>()));
        services.AddSingleton<IChannelDeliveryFactory>(sp => sp.GetRequiredService<ConnectorDeliveryFactory>());
        return builder;
    }

    public const string OpenIdMetadataHttpClient = "OpenIdMetadata";

    /// <summary>The one place the outbound credentials are chosen: none, managed identity, or client secret via MSAL.</summary>
    private static IConnectorCredentials CreateCredentials(IServiceProvider sp)
    {
        var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
        var endpoints = sp.GetRequiredService<IOptions<BotFrameworkEndpointsOptions>>().Value;
        var trusted = sp.GetRequiredService<TrustedServiceUrls>();
        if (!bot.AuthenticationEnabled) return new AnonymousConnectorCredentials();
        if (bot.IsManagedIdentity) return new ManagedIdentityConnectorCredentials(bot.MicrosoftAppId!, trusted);
        var tenant = bot.IsSingleTenant ? bot.MicrosoftAppTenantId! : "botframework.com";
        return new MsalConnectorCredentials(bot.MicrosoftAppId!, bot.MicrosoftAppPassword!, $"{endpoints.EntraAuthorityHost.TrimEnd('/')}/{tenant}", trusted,
            sp.GetService<Microsoft.Identity.Client.IMsalHttpClientFactory>());
    }

    /// <summary>Null when authentication is off (no MicrosoftAppId).</summary>
    private static ChannelTokenValidator? CreateTokenValidator(IServiceProvider sp)
    {
        var bot = sp.GetRequiredService<IOptions<BotOptions>>().Value;
        if (!bot.AuthenticationEnabled) return null;
        var endpoints = sp.GetRequiredService<IOptions<BotFrameworkEndpointsOptions>>().Value;
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(OpenIdMetadataHttpClient);
        var settings = new BotAuthenticationSettings
        {
            AppId = bot.MicrosoftAppId!,
            TenantId = bot.IsSingleTenant ? bot.MicrosoftAppTenantId : null,
            ChannelMetadataUrl = endpoints.ChannelOpenIdMetadataUrl,
            EntraMetadataUrl = endpoints.EntraOpenIdMetadataUrl,
        };
        var clock = sp.GetRequiredService<TimeProvider>();
        return new ChannelTokenValidator(settings,
            new OpenIdMetadataCache(settings.ChannelMetadataUrl, http, clock),
            new OpenIdMetadataCache(settings.EntraMetadataUrl, http, clock));
    }
}
