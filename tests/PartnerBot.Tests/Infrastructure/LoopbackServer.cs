using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>A small HTTP server on a free loopback port for the fakes of cloud services the tests talk to.</summary>
public static class LoopbackServer
{
    /// <param name="map">Adds the fake's endpoints.</param>
    /// <param name="configure">Changes the host before it is built (for example HTTPS); default is plain HTTP on 127.0.0.1.</param>
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (configure is null) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else configure(builder);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
