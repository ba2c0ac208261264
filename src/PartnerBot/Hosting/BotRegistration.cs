using IMiddleware = PartnerBot.BotFramework.Builder.IMiddleware;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Contact;
using PartnerBot.Advisor.Dialogs;
using PartnerBot.Bot;
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
            .Validate(o => !o.AuthenticationEnabled,
                "MicrosoftAppId is set, but channel token validation is not part of this build yet; leave MicrosoftAppId empty to run without channel authentication.")
            .ValidateOnStart();
        services.AddOptions<AdvisorOptions>().BindConfiguration(AdvisorOptions.Section);
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);

        services.AddSingleton(TimeProvider.System);
        // Loaded now, so a missing or broken card stops the app at start rather than on a prospect's turn.
        services.AddSingleton(new CardLibrary(builder.Configuration["Cards:Path"] ?? Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var database = StorageRegistration.ResolvePath(sp.GetRequiredService<IHostEnvironment>(), storage.SqlitePath);
            return UserIdHasher.FromConfiguredOrPersistedKey(options.UserIdHashKey, Path.Combine(Path.GetDirectoryName(database)!, "privacy.key"));
        });
        services.AddSingleton<TranscriptRedactor>();

        services.AddSingleton(sp =>
        {
            var cards = sp.GetRequiredService<CardLibrary>();
            var advisor = sp.GetRequiredService<IOptions<AdvisorOptions>>().Value;
            return new DialogSet()
                .Add(new AdvisorDialog(cards))
                .Add(new AssessmentDialog(advisor))
                .Add(new ChangeAnswerDialog())
                .Add(new AskSlotDialog())
                .Add(new ContactDialog())
                .Add(new ChoicePrompt(AdvisorDialogIds.Choice, cards))
                .Add(new MultiChoicePrompt(AdvisorDialogIds.MultiChoice, cards))
                .Add(new ConfirmPrompt(AdvisorDialogIds.Confirm, cards))
                .Add(new ContactFormPrompt(AdvisorDialogIds.ContactForm, cards, sp.GetRequiredService<TimeProvider>()));
        });
        services.AddSingleton(new InterruptionOptions());
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DialogManager>(sp, nameof(AdvisorDialog)));

        // Middleware runs in this order around every turn.
        services.AddSingleton<IMiddleware, ConversationLoggingMiddleware>();
        services.AddSingleton<IMiddleware>(new ShowTypingMiddleware());
        services.AddSingleton<IMiddleware, RemoveRecipientMentionMiddleware>();

        services.AddSingleton<IBot, AdvisorBot>();
        services.AddSingleton<ITurnErrorHandler, TurnErrorHandler>();
        services.AddSingleton<BotAdapter>();

        services.AddHttpClient(ConnectorDeliveryFactory.HttpClientName);
        services.AddSingleton<IConnectorCredentials, AnonymousConnectorCredentials>();
        services.AddSingleton<IChannelDeliveryFactory>(sp =>
            new ConnectorDeliveryFactory(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IConnectorCredentials>()));
        return builder;
    }
}
