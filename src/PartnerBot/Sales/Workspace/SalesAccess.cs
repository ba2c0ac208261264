using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PartnerBot.Storage;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// Decides who gets into <c>/sales</c> and <c>/api/sales</c>, in one place for pages and API alike.
/// <list type="bullet">
/// <item>Entra ID: the API takes a bearer token or the pages' cookie; a page without a session is sent to sign in,
/// the API answers 401. The token must come from the configured tenant (issuer and <c>tid</c>) for this app
/// (audience), and carry the app role or one of the groups, else 403. A prospect's Direct Line token or a
/// channel's token is signed by someone else and never validates here.</item>
/// <item>Local mode: only callers on this machine, addressing it by a loopback name (a page on another site that
/// rebinds its DNS to 127.0.0.1 still sends its own host name), and not through a proxy or tunnel, else 403.</item>
/// </list>
/// A request that changes something must also carry <see cref="RequestHeader"/>: a page on another site cannot
/// add it without the browser asking first, so a signed-in browser cannot be made to change leads.
/// </summary>
public sealed class SalesAccess(IOptions<SalesOptions> options)
{
    public const string CookieScheme = "SalesCookie";
    public const string OpenIdScheme = "SalesOpenId";
    public const string BearerScheme = "SalesBearer";
    public const string RequestHeader = "X-PartnerBot-Sales";

    public async Task<(SalesUser? User, IResult? Denied)> CheckAsync(HttpContext context, bool page)
    {
        var settings = options.Value;
        if (!settings.UsesEntra)
        {
            if (!IsLoopback(context)) return (null, Forbidden(page, "The sales workspace runs in local mode (no Entra ID configured) and answers only on this machine."));
            return (SalesUser.Local, null);
        }

        ClaimsPrincipal? principal = null;
        if (!page && context.Request.Headers.Authorization.Count > 0)
        {
            var bearer = await context.AuthenticateAsync(BearerScheme);
            if (!bearer.Succeeded) return (null, TypedResults.Challenge(authenticationSchemes: [BearerScheme]));
            principal = bearer.Principal;
        }
        else
        {
            var cookie = await context.AuthenticateAsync(CookieScheme);
            if (cookie.Succeeded) principal = cookie.Principal;
        }
        if (principal is null)
        {
            return (null, page
                ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = context.Request.Path + context.Request.QueryString }, [OpenIdScheme])
                : TypedResults.Challenge(authenticationSchemes: [BearerScheme]));
        }
        if (!IsAllowed(principal, settings)) return (null, Forbidden(page, "Your account is not allowed into the sales workspace. Ask an administrator for the app role or group."));
        var id = principal.FindFirstValue("oid") ?? principal.FindFirstValue("sub") ?? "unknown";
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? id;
        return (new SalesUser(new SalesPerson(id, name), LocalMode: false), null);
    }

    /// <summary>The configured tenant, and the app role or one of the groups.</summary>
    public static bool IsAllowed(ClaimsPrincipal principal, SalesOptions settings)
    {
        if (!string.Equals(principal.FindFirstValue("tid"), settings.TenantId, StringComparison.OrdinalIgnoreCase)) return false;
        if (principal.FindAll("roles").Any(r => r.Value == settings.AppRole)) return true;
        var groups = principal.FindAll("groups").Select(g => g.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return settings.AllowedGroupIds.Any(groups.Contains);
    }

    private static bool IsLoopback(HttpContext context)
    {
        // A tunnel or reverse proxy on this machine (a common way to show a local bot to Teams) connects from
        // loopback on behalf of someone else: a request that says it was forwarded is not from this machine.
        var headers = context.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Host") || headers.ContainsKey("Forwarded") || headers.ContainsKey("Via")
            || headers.ContainsKey("X-Original-For") || headers.ContainsKey("X-Real-IP"))
        {
            return false;
        }
        var address = context.Connection.RemoteIpAddress;
        if (address is null || !IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)) return false;
        var host = context.Request.Host.Host;
        return host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
    }

    private static IResult Forbidden(bool page, string message) => page
        ? TypedResults.Content(SalesPages.ForbiddenPage(message), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden)
        : TypedResults.Problem(title: "Forbidden", detail: message, statusCode: StatusCodes.Status403Forbidden);
}
