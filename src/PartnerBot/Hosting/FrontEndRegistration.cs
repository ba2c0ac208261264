using Microsoft.AspNetCore.HttpOverrides;

namespace PartnerBot.Hosting;

/// <summary>
/// Behind a platform's front end (App Service): the client's address and scheme come from <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c>, only when <c>ForwardedHeaders:Enabled</c> says the app is reachable through that
/// proxy alone. Outside Development, plain HTTP is redirected (when an HTTPS port is known) and HSTS is sent.
/// </summary>
public static class FrontEndRegistration
{
    public const string Section = "ForwardedHeaders";

    public static IHostApplicationBuilder AddFrontEnd(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the entry the nearest proxy added: anything further left was written by the client.
            options.ForwardLimit = 1;
            // The front end's addresses are the platform's and change; the setting asserts that no one else can
            // reach the app, so any sender is that proxy.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        return builder;
    }

    public static WebApplication UseFrontEnd(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>($"{Section}:Enabled")) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }
}
