using Microsoft.AspNetCore.Http.HttpResults;
using PartnerBot.BotFramework.Builder;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Messages;

/// <summary>The Bot Framework messaging endpoint: one activity in, one turn, the turn's HTTP answer out.</summary>
public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", PostActivityAsync)
            .WithName("PostActivity")
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> PostActivityAsync(HttpRequest request, BotAdapter adapter, CancellationToken cancellationToken)
    {
        var read = await ActivityRequestReader.ReadAsync(request, cancellationToken);
        if (read.Problem is { } problem) return problem;

        var result = await adapter.ProcessActivityAsync(read.Activity!, cancellationToken);
        return result.Body is null
            ? TypedResults.StatusCode(result.StatusCode)
            : TypedResults.Json(result.Body, ActivityJson.Options, statusCode: result.StatusCode);
    }
}
