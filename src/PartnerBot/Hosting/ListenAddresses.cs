namespace PartnerBot.Hosting;

/// <summary>
/// Where PartnerBot listens. The platform's own settings always win (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>, Kestrel endpoints: what App Service and containers set); only
/// when none is given does the Bot Framework's customary local address apply, so a bare start is reachable from
/// the Emulator.
/// </summary>
public static class ListenAddresses
{
    public const string LocalDefault = "http://localhost:3978";

    private static readonly string[] PlatformKeys = ["urls", "http_ports", "https_ports"];

    public static WebApplicationBuilder UseLocalDefaultWhenUnconfigured(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration)) builder.WebHost.UseUrls(LocalDefault);
        return builder;
    }

    public static bool IsConfigured(IConfiguration configuration) =>
        PlatformKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]))
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
