using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerBot.BotFramework.Schema;

namespace PartnerBot.Messages;

/// <summary>
/// Reads and checks the posted activity: size limit, JSON, the fields every turn needs. Each rejection is a
/// problem-details response that says what was wrong, and nothing runs.
/// </summary>
public static class ActivityRequestReader
{
    /// <summary>Channels cap activities far below this; anything bigger is refused before it is parsed.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The activity, or the problem response and its status (400 or 413).</summary>
    public sealed record Result(Activity? Activity, IResult? Problem, int StatusCode = StatusCodes.Status200OK, string? Detail = null);

    /// <param name="requireRouting">Whether the activity must say where it belongs (conversation, serviceUrl), as on
    /// <c>/api/messages</c>; a Direct Line client leaves that to the service.</param>
    /// <param name="maxBytes">A smaller limit than <see cref="MaxBodyBytes"/> for this endpoint (the embedded Direct Line's).</param>
    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken cancellationToken, bool requireRouting = true, int maxBytes = MaxBodyBytes)
    {
        maxBytes = Math.Min(maxBytes, MaxBodyBytes);
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes);

        // Read into a pooled buffer, sized from Content-Length when the client sends one (one byte more, so the read that
        // finds the end needs no room of its own): a turn's body is read into memory the pool hands out again.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } announced ? (int)announced + 1 : 4096);
        var length = 0;
        Activity? activity;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) return TooLarge(maxBytes);
            }

            if (length == 0) return Problem("The request body is empty; post one Bot Framework activity as JSON.");
            try
            {
                // Nothing of the activity refers to the buffer afterwards: strings are copied, JSON elements cloned.
                activity = JsonSerializer.Deserialize<Activity>(buffer.AsSpan(0, length), BotJson.Options);
            }
            catch (JsonException exception)
            {
                return Problem($"The request body is not a valid activity: {exception.Message}");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (activity is null) return Problem("The request body is not a JSON object.");
        if (string.IsNullOrWhiteSpace(activity.Type)) return Problem("The activity has no 'type'.");
        if (FirstListWithNull(activity) is { } list) return Problem($"The activity's '{list}' contains null; each entry must be an object.");
        if (!requireRouting) return new Result(activity, null);
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return Problem("The activity has no 'conversation.id'.");
        if (activity.ServiceUrl is not null && !IsHttpUrl(activity.ServiceUrl))
        {
            return Problem("The activity's 'serviceUrl' must be an absolute http or https URL.");
        }
        if (!activity.ExpectsReplies && activity.ServiceUrl is null)
        {
            return Problem("The activity has no valid 'serviceUrl' to reply to. Add one, or set \"deliveryMode\": \"expectReplies\" to get the replies in the response.");
        }
        return new Result(activity, null);
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Lists in which a client sent <c>null</c> entries (the bot would otherwise meet them half-way through a turn).</summary>
    private static string? FirstListWithNull(Activity activity)
    {
        if (activity.Entities?.Contains(null!) == true) return "entities";
        if (activity.Attachments?.Contains(null!) == true) return "attachments";
        if (activity.MembersAdded?.Contains(null!) == true) return "membersAdded";
        if (activity.MembersRemoved?.Contains(null!) == true) return "membersRemoved";
        if (activity.SuggestedActions?.Actions?.Contains(null!) == true) return "suggestedActions.actions";
        return null;
    }

    private static Result TooLarge(int maxBytes) => new(null, TypedResults.Problem(
        title: "Activity too large",
        detail: $"Activities are limited to {maxBytes / 1024} KB.",
        statusCode: StatusCodes.Status413PayloadTooLarge), StatusCodes.Status413PayloadTooLarge, $"Activities are limited to {maxBytes / 1024} KB.");

    private static Result Problem(string detail) => new(null, TypedResults.Problem(
        title: "Invalid activity",
        detail: detail,
        statusCode: StatusCodes.Status400BadRequest), StatusCodes.Status400BadRequest, detail);
}
