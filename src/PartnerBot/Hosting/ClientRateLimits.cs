using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerBot.DirectLine;

namespace PartnerBot.Hosting;

/// <summary>
/// Per-client-address rate limits (ASP.NET Core rate limiting) for the public, unauthenticated-to-start endpoints:
/// token issue and refresh, conversation start, activity posts, and reads (polls, reconnects, stream connects).
/// A refused request gets 429 with <c>Retry-After</c> and a problem-details body.
/// </summary>
public static class ClientRateLimits
{
    public static IHostApplicationBuilder AddClientRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.TokenPerMinute > 0 && o.ConversationStartPerMinute > 0 && o.PostPerMinute > 0 && o.ReadPerMinute > 0, "RateLimits must be positive.")
            .ValidateOnStart();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            AddPolicy(limiter, RateLimitPolicies.Token, o => o.TokenPerMinute);
            AddPolicy(limiter, RateLimitPolicies.ConversationStart, o => o.ConversationStartPerMinute);
            AddPolicy(limiter, RateLimitPolicies.Post, o => o.PostPerMinute);
            AddPolicy(limiter, RateLimitPolicies.Read, o => o.ReadPerMinute);
        });
        return builder;
    }

    /// <summary>
    /// The client's partition: its address as the connection sees it (forwarded headers, when trusted, set it
    /// before this runs). An IPv6 client is counted by its /64, which one subscriber usually holds whole.
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static void AddPolicy(RateLimiterOptions limiter, string name, Func<RateLimitOptions, int> perMinute) =>
        limiter.AddPolicy(name, context =>
        {
            var permits = perMinute(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
            return RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests from this address; try again in {seconds} seconds.",
            },
        });
    }
}
