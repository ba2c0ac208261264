using System.Security.Claims;

namespace PartnerBot.BotFramework.Authentication;

/// <summary>The verdict on a request's bearer token. <see cref="Reason"/> is for the security log, never for the caller.</summary>
public sealed record AuthenticationOutcome(bool Succeeded, int StatusCode, string Reason, ClaimsIdentity? Identity = null)
{
    public static AuthenticationOutcome Success(ClaimsIdentity identity, string reason) => new(true, 200, reason, identity);

    public static AuthenticationOutcome Unauthorized(string reason) => new(false, 401, reason);

    public static AuthenticationOutcome Forbidden(string reason) => new(false, 403, reason);
}
