using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerBot.DirectLine;
using PartnerBot.Storage;

namespace PartnerBot.Hosting;

public static class DirectLineRegistration
{
    /// <summary>The embedded Direct Line, the page-token endpoint with its CORS policy, and the Azure exchange client.</summary>
    public static IHostApplicationBuilder AddDirectLine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.Section)
            .Validate(o => o.TokenLifetimeMinutes is > 0 and <= 24 * 60, "DirectLine:TokenLifetimeMinutes must be between 1 and 1440.")
            .Validate(o => o.MaxActivitiesPerConversation > 0 && o.StreamBufferFrames > 0 && o.PostsPerSecond > 0 && o.PostBurst > 0
                && o.MaxActivityBytes > 0 && o.PageActivities > 0 && o.PageBytes > 0 && o.MaxConversationAge > TimeSpan.Zero, "DirectLine limits must be positive.")
            .Validate(o => o.StreamPollMilliseconds is null or 0 or >= 100, "DirectLine:StreamPollMilliseconds must be empty, 0 (never) or at least 100.")
            .Validate(o => o.MaxBytesPerConversation >= 4 * o.MaxActivityBytes, "DirectLine:MaxBytesPerConversation must hold at least four of the largest activities (DirectLine:MaxActivityBytes).")
            .Validate(o => Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps || o.Endpoint.StartsWith("http://127.0.0.1", StringComparison.Ordinal) || o.Endpoint.StartsWith("http://localhost", StringComparison.Ordinal),
                "DirectLine:Endpoint must be an https address (the secret is sent there).")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DirectLineOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var key = DirectLineTokens.LoadKey(options.TokenSigningKey, StorageRegistration.KeyFile(sp.GetRequiredService<IHostEnvironment>(), storage, "directline.key"));
            return new DirectLineTokens(key, sp.GetRequiredService<TimeProvider>(), TimeSpan.FromMinutes(options.TokenLifetimeMinutes));
        });
        services.AddSingleton<IStartupCheck, ResolvesCheck<DirectLineTokens>>();
        services.AddSingleton<DirectLineStreams>();
        services.AddSingleton<DirectLineDelivery>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DirectLineOptions>>().Value;
            return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.PostBurst,
                TokensPerPeriod = options.PostsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        });
        services.AddHttpClient(DirectLineTokenApi.AzureHttpClient, client => client.Timeout = TimeSpan.FromSeconds(10));

        var origins = builder.Configuration.GetSection($"{DirectLineOptions.Section}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DirectLineTokenApi.CorsPolicy, policy =>
        {
            // Only the listed sites may ask for tokens from their own pages; same-origin requests need no CORS.
            if (origins.Length > 0) policy.WithOrigins(origins).WithMethods("POST").WithHeaders("Content-Type");
        }));
        return builder;
    }
}
