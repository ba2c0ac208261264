using System.Security.Claims;

namespace PartnerBot.BotFramework.Authentication;

/// <summary>
/// The verdict on a request's bearer token. <see cref="Reason"/> is for the security log, never for the caller.
/// <see cref="VouchesForServiceUrl"/> is true only for a channel token whose <c>serviceurl</c> claim matched the
/// activity: only such a token may make a service URL trusted to receive the bot's own token.
/// </summary>
public sealed record AuthenticationOutcome(bool Succeeded, int StatusCode, string Reason, ClaimsIdentity? Identity = null, bool VouchesForServiceUrl = false)
{
    public static AuthenticationOutcome Success(ClaimsIdentity identity, string reason, bool vouchesForServiceUrl = false) => new(true, 200, reason, identity, vouchesForServiceUrl);

    public static AuthenticationOutcome Unauthorized(string reason) => new(false, 401, reason);

    public static AuthenticationOutcome Forbidden(string reason) => new(false, 403, reason);
}
