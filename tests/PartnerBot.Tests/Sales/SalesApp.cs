using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Sales;

/// <summary>PartnerBot for the sales tests: local mode (no Entra ID), and clients that call from a given address.</summary>
public static class SalesApp
{
    public static PartnerBotApplication Local(IDictionary<string, string?>? settings = null) =>
        new(settings: settings, services: services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());

    /// <summary>A client whose requests come from <paramref name="address"/>, with the workspace's request header unless told otherwise.</summary>
    public static HttpClient Client(PartnerBotApplication app, string address = "127.0.0.1", bool salesHeader = true)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        if (salesHeader) client.DefaultRequestHeaders.Add(PartnerBot.Sales.Workspace.SalesAccess.RequestHeader, "1");
        return client;
    }
}
