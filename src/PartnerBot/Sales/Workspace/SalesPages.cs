using System.Net;

namespace PartnerBot.Sales.Workspace;

/// <summary>
/// The workspace's pages: <c>/sales</c> (dashboard and list) and <c>/sales/conversations/{key}</c>. Each is a
/// shell that loads <c>/sales/sales.js</c>, which reads everything from the API; the access check runs here too,
/// so a visitor without a session is sent to sign in and one without the right is told so, before any script.
/// </summary>
public static class SalesPages
{
    public static IEndpointRouteBuilder MapSalesPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sales", ShowAsync);
        endpoints.MapGet("/sales/conversations/{key}", (HttpContext context, SalesAccess access, string key) => ShowAsync(context, access));
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, SalesAccess access)
    {
        var (_, denied) = await access.CheckAsync(context, page: true);
        if (denied is not null) return denied;
        Harden(context.Response);
        return TypedResults.Content(Shell, "text/html; charset=utf-8");
    }

    /// <summary>Leads are personal data: never cached, never framed, scripts only from here.</summary>
    private static void Harden(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        // The Adaptive Cards renderer sets inline styles; nothing else is inline.
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private const string Shell = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sales · PartnerBot</title>
          <link rel="stylesheet" href="/sales/sales.css">
        </head>
        <body>
          <div id="banner" class="banner" hidden></div>
          <header class="top">
            <a class="brand" href="/sales">PartnerBot <span>sales</span></a>
            <span id="me" class="me"></span>
          </header>
          <main id="main" aria-live="polite"><p class="muted">Loading…</p></main>
          <script src="/lib/markdown-it.min.js"></script>
          <script src="/lib/adaptivecards.min.js"></script>
          <script src="/card-colors.js"></script>
          <script src="/sales/sales.js"></script>
        </body>
        </html>
        """;

    public static string ForbiddenPage(string message) => $"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Not allowed · PartnerBot sales</title><link rel="stylesheet" href="/sales/sales.css"></head>
        <body><main class="forbidden"><h1>Not allowed</h1><p>{WebUtility.HtmlEncode(message)}</p></main></body>
        </html>
        """;
}
