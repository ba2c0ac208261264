namespace PartnerBot.Tests.Deployment;

/// <summary>
/// The settings the template writes are settings the app reads: each one is listed in appsettings.sample.json
/// (environment-variable form, <c>Section__Key</c>), apart from a short list read by the platform or its SDKs.
/// </summary>
public sealed class TemplateSettingsTests
{
    /// <summary>Read by ASP.NET Core itself, Azure.Identity, the Azure Monitor exporter and App Service, not from our sections.</summary>
    private static readonly HashSet<string> PlatformSettings = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_ENVIRONMENT",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "WEBSITES_CONTAINER_STOP_TIME_LIMIT",
    };

    private static bool IsPlatformSetting(string name) =>
        PlatformSettings.Contains(name) || name.StartsWith("WEBSITE_", StringComparison.Ordinal);

    [Fact]
    public void Every_setting_the_template_writes_is_listed_in_the_sample_settings()
    {
        var template = AzureTemplate.AppSettings(AzureTemplate.CompiledTemplate());
        var sample = AzureTemplate.ConfigurationKeys(AzureTemplate.ReadObject(Path.Combine(AzureTemplate.RepositoryRoot, "appsettings.sample.json")));

        var unknown = template.Keys
            .Where(name => !IsPlatformSetting(name))
            .Where(name => !sample.Contains(name.Replace("__", ":", StringComparison.Ordinal)))
            .ToList();

        Assert.True(unknown.Count == 0, $"The template sets keys appsettings.sample.json does not list: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_template_configures_the_bot_identity_and_table_storage()
    {
        var settings = AzureTemplate.AppSettings(AzureTemplate.CompiledTemplate());

        Assert.Equal("UserAssignedMsi", (string?)settings["MicrosoftAppType"]);
        Assert.Equal("AzureTable", (string?)settings["Storage__Provider"]);
        Assert.Equal("Production", (string?)settings["ASPNETCORE_ENVIRONMENT"]);
        // The bot's app id and the identity Azure.Identity uses are the same managed identity.
        Assert.Contains("userAssignedIdentities", (string?)settings["MicrosoftAppId"]);
        Assert.Equal((string?)settings["MicrosoftAppId"], (string?)settings["AZURE_CLIENT_ID"]);
        Assert.Contains("primaryEndpoints.table", (string?)settings["Storage__TableServiceUri"]);
        // No secret is written into the template: the only secret-bearing setting is a Key Vault reference or empty.
        Assert.DoesNotContain(settings.Keys, k => k.Contains("Password", StringComparison.OrdinalIgnoreCase) || k.Contains("ConnectionString", StringComparison.Ordinal));
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", (string?)settings["DirectLine__Secret"]);
        // App Service waits longer before it kills the process than the host waits for the drain and the other services.
        Assert.True(int.Parse((string)settings["WEBSITES_CONTAINER_STOP_TIME_LIMIT"]!) > int.Parse((string)settings["Shutdown__DrainSeconds"]!) + 10);
    }

    [Fact]
    public void The_settings_check_catches_a_key_the_app_does_not_read()
    {
        var sample = AzureTemplate.ConfigurationKeys(System.Text.Json.Nodes.JsonNode.Parse("""{ "Storage": { "Provider": "" }, "MicrosoftAppId": "" }""")!.AsObject());

        Assert.Contains("Storage:Provider", sample);
        Assert.Contains("MicrosoftAppId", sample);
        Assert.DoesNotContain("Storage:Providr", sample);
        Assert.False(IsPlatformSetting("Storage__Providr"));
        Assert.True(IsPlatformSetting("WEBSITE_RUN_FROM_PACKAGE"));
    }
}
