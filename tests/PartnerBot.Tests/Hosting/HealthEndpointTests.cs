using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerBot.BotFramework.Storage;
using PartnerBot.Tests.Deployment;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

/// <summary>Liveness answers while the process runs; readiness (the template's health check) needs the store.</summary>
public sealed class HealthEndpointTests
{
    [Theory]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    [InlineData("/healthz")]
    public async Task Every_health_endpoint_is_healthy_on_a_working_store(string path)
    {
        using var app = new PartnerBotApplication();

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_path_the_template_checks_is_the_readiness_endpoint()
    {
        var site = AzureTemplate.Resources(AzureTemplate.CompiledTemplate(), "Microsoft.Web/sites").Single();
        var path = (string)site["properties"]!["siteConfig"]!["healthCheckPath"]!;
        using var app = new PartnerBotApplication(services: s => s.Replace(ServiceDescriptor.Singleton<IStorage>(new UnreachableStorage())));

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_store_makes_the_app_unready_but_still_alive()
    {
        using var app = new PartnerBotApplication(services: s => s.Replace(ServiceDescriptor.Singleton<IStorage>(new UnreachableStorage())));
        var client = app.CreateClient();

        var ready = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        // The reason is logged, not shown to an anonymous caller.
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>A store whose service cannot be reached, failing the way a network client fails.</summary>
    private sealed class UnreachableStorage : IStorage
    {
        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (storage.invalid:443)");

        public Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (storage.invalid:443)");

        public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (storage.invalid:443)");
    }
}
