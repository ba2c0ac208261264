using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using PartnerBot.Storage;

namespace PartnerBot.Hosting;

/// <summary>
/// A request that needed storage while it is unavailable gets 503 with Retry-After (problem details): the client
/// may try again, unlike after a 500.
/// </summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problemDetails, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable) return false;
        LogUnavailable(logger, exception.InnerException?.Message, httpContext.Request.Path);
        var seconds = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds));
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = $"The service cannot reach its storage right now. Try again in {seconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({Reason}); answered {Path} with 503")]
    private static partial void LogUnavailable(ILogger logger, string? reason, string path);
}
