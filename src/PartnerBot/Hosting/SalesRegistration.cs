using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using PartnerBot.Sales.Workspace;

namespace PartnerBot.Hosting;

public static class SalesRegistration
{
    /// <summary>
    /// The sales workspace: its settings, and with Entra ID configured the three schemes it signs people in with
    /// (a cookie for the pages, set by OpenID Connect; bearer tokens for the API). None of them is a default
    /// scheme, so nothing else in the app authenticates through them.
    /// </summary>
    public static IHostApplicationBuilder AddSalesWorkspace(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SalesOptions>()
            .BindConfiguration(SalesOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.TenantId) == string.IsNullOrWhiteSpace(o.ClientId), "Sales:TenantId and Sales:ClientId are set together (Entra ID sign-in) or not at all (local mode).")
            .Validate(o => o.AlertPollSeconds is >= 1 and <= 3600 && o.AlertGiveUpHours > 0, "Sales:AlertPollSeconds is 1 to 3600 and Sales:AlertGiveUpHours positive.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicUrl) || Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "Sales:PublicUrl must be an absolute address such as https://bot.example.com.")
            .Validate(o => !o.UsesEntra || o.AllowedGroupIds.Length > 0 || !string.IsNullOrWhiteSpace(o.AppRole), "Sales needs Sales:AllowedGroupIds or Sales:AppRole to say who may enter.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SalesAccess>();
        builder.Services.AddSingleton<PartnerBot.Sales.Alerts.LeadAlertQueue>();
        builder.Services.AddSingleton<PartnerBot.Sales.Alerts.LeadAlertCards>();
        builder.Services.AddSingleton<PartnerBot.Sales.Alerts.LeadAlertSender>();
        builder.Services.AddHostedService<PartnerBot.Sales.Alerts.ConfiguredAlertChannels>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PartnerBot.Sales.Alerts.LeadAlertSender>());
        var authentication = builder.Services.AddAuthentication();

        var settings = builder.Configuration.GetSection(SalesOptions.Section).Get<SalesOptions>() ?? new SalesOptions();
        if (!settings.UsesEntra) return builder;
        var metadata = settings.MetadataAddress ?? $"{settings.Authority}/.well-known/openid-configuration";
        var httpsMetadata = !IsLoopbackHttp(metadata);
        authentication
            .AddCookie(SalesAccess.CookieScheme, options =>
            {
                options.Cookie.Name = "partnerbot.sales";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // The pages challenge through OpenID Connect themselves; anything else just hears 401/403.
                options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddOpenIdConnect(SalesAccess.OpenIdScheme, options =>
            {
                options.SignInScheme = SalesAccess.CookieScheme;
                options.Authority = settings.Authority;
                options.MetadataAddress = metadata;
                options.RequireHttpsMetadata = httpsMetadata;
                options.ClientId = settings.ClientId;
                options.ClientSecret = settings.ClientSecret;
                options.ResponseType = "code";
                // The answer comes back as a top-level GET, so the correlation cookies can stay SameSite=Lax.
                options.ResponseMode = "query";
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.UsePkce = true;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.CallbackPath = "/sales/signin-oidc";
                options.MapInboundClaims = false;
                options.SaveTokens = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "roles";
            })
            .AddJwtBearer(SalesAccess.BearerScheme, options =>
            {
                options.Authority = settings.Authority;
                options.MetadataAddress = metadata;
                options.RequireHttpsMetadata = httpsMetadata;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.ValidAudiences = [settings.ClientId!, "api://" + settings.ClientId];
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "roles";
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapSalesWorkspace(this IEndpointRouteBuilder endpoints) => endpoints.MapSalesApi().MapSalesPages();

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Plain http is accepted only for an identity provider on this machine (the tests' local one).</summary>
    private static bool IsLoopbackHttp(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
