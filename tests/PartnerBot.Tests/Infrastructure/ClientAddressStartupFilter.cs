using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// The in-process host has no client address; this gives each request the address named in
/// <see cref="Header"/>, as a connection from that address would have, before anything else runs.
/// </summary>
public sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
