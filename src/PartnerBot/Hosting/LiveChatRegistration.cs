using Microsoft.Extensions.Options;
using PartnerBot.Advisor.LiveChat;
using PartnerBot.Handoff;

namespace PartnerBot.Hosting;

public static class LiveChatRegistration
{
    /// <summary>
    /// Live hand-off to the sales team's Teams channels: its settings (the business hours are read at start, so a
    /// typo stops the app with the setting's name), the desk the advisor asks, the relay, the cards and the timer.
    /// The sales side's middleware is part of the turn pipeline (see <see cref="BotRegistration"/>).
    /// </summary>
    public static IHostApplicationBuilder AddLiveChat(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LiveChatOptions>()
            .BindConfiguration(LiveChatOptions.Section)
            .Validate(o => o.WaitMinutes > 0 && o.IdleMinutes > 0 && o.TimerSeconds is > 0 and <= 3600 && o.RelayTimeoutSeconds is > 0 and <= 300,
                "LiveChat:WaitMinutes and LiveChat:IdleMinutes must be positive, LiveChat:TimerSeconds 1 to 3600 and LiveChat:RelayTimeoutSeconds 1 to 300.")
            .ValidateOnStart();
        services.AddSingleton(sp => BusinessHours.From(sp.GetRequiredService<IOptions<LiveChatOptions>>().Value.BusinessHours));
        services.AddSingleton<IStartupCheck, ResolvesCheck<BusinessHours>>();
        services.AddSingleton<LiveChatRelay>();
        services.AddSingleton<LiveChatCards>();
        services.AddSingleton<LiveChatDesk>();
        services.AddSingleton<ILiveChatDesk>(sp => sp.GetRequiredService<LiveChatDesk>());
        services.AddSingleton<LiveChatTimer>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveChatTimer>());
        return builder;
    }
}
