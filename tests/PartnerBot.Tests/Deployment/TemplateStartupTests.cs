using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Deployment;

/// <summary>
/// PartnerBot started with the settings the template writes: parameters filled in, and each value Azure resolves
/// at deployment (the identity's ids, the table endpoint) replaced by a stand-in. The app must accept them all.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class TemplateStartupTests(AzuriteFixture fixture)
{
    /// <summary>Values only Azure knows; a new one in the template fails the test until it gets a stand-in here.</summary>
    private static readonly Dictionary<string, string> Resolved = new(StringComparer.Ordinal)
    {
        ["MicrosoftAppId"] = "6f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
        ["AZURE_CLIENT_ID"] = "6f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
        ["MicrosoftAppTenantId"] = "0d2b0a4c-7f7e-4b8e-9c1d-2e3f4a5b6c7d",
        ["Storage__TableServiceUri"] = "http://127.0.0.1:10002/devstoreaccount1",
        ["Sales__PublicUrl"] = "https://partnerbot-app.azurewebsites.net",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        // The default parameters choose the embedded Direct Line, so the template writes an empty secret.
        ["DirectLine__Secret"] = "",
    };

    /// <summary>Parameters given distinctive values, to see them arrive on the page.</summary>
    private static readonly Dictionary<string, string> Parameters = new(StringComparer.Ordinal)
    {
        ["partnerName"] = "Contoso Implants",
        ["siteAccentColor"] = "#123456",
    };

    [Fact]
    public async Task The_app_starts_ready_with_the_templates_settings_and_authenticates_channels()
    {
        var template = AzureTemplate.CompiledTemplate();
        var settings = new Dictionary<string, string?>();
        foreach (var (name, value) in AzureTemplate.AppSettings(template))
        {
            settings[name.Replace("__", ":", StringComparison.Ordinal)] = Evaluate(template, name, (string)value!);
        }
        // This machine's stand-ins for Azure: Azurite's key instead of the managed identity (the template's provider,
        // Table storage, stays), and a scratch folder instead of /home for the generated keys.
        using var data = new ScratchFolder();
        Assert.Equal("AzureTable", settings["Storage:Provider"]);
        var prefix = Azurite.NewPrefix();
        settings["Storage:TableServiceUri"] = null;
        settings["Storage:ConnectionString"] = fixture.Azurite.ConnectionString;
        settings["Storage:TablePrefix"] = prefix;
        settings["Storage:SqlitePath"] = Path.Combine(data.Path, "partnerbot.db");
        var environment = settings["ASPNETCORE_ENVIRONMENT"];
        using var app = new PartnerBotApplication(data.Path, settings, environment: environment);
        var client = app.CreateClient();

        var ready = await client.GetAsync("/healthz/ready");
        var page = await client.GetStringAsync("/");
        var unsigned = await client.PostAsync("/api/messages", JsonContent("""{"type":"message","id":"1","channelId":"msteams","text":"hi","conversation":{"id":"c"},"from":{"id":"u"},"recipient":{"id":"b"}}"""));

        Assert.Equal("Production", environment);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("Contoso Implants", page);
        Assert.Contains("#123456", page);
        // The managed identity's app id turns channel authentication on: an unsigned activity is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        // The website chat runs a conversation, kept in Table storage.
        var directLine = new DirectLine.DirectLineClient(client);
        var token = await directLine.GetPageTokenAsync();
        await directLine.PostMessageAsync(token.ConversationId, token.Token, "hi");
        var replies = (await directLine.GetActivitiesAsync(token.ConversationId, token.Token)).Activities;
        Assert.Contains(replies, a => a.From?.Id != token.UserId && a.Text?.Contains("Contoso Implants", StringComparison.Ordinal) == true);
        var tables = new Azure.Data.Tables.TableServiceClient(fixture.Azurite.ConnectionString);
        var stored = tables.GetTableClient(prefix + "conversations").Query<Azure.Data.Tables.TableEntity>(maxPerPage: 100).Count();
        Assert.True(stored > 0, "Nothing of the conversation was stored in Table storage.");
    }

    private static string Evaluate(JsonObject template, string name, string value)
    {
        if (!value.StartsWith('[')) return value;
        var parameter = ParameterReference().Match(value);
        if (parameter.Success)
        {
            var parameterName = parameter.Groups[1].Value;
            return Parameters.TryGetValue(parameterName, out var given) ? given : (string)template["parameters"]![parameterName]!["defaultValue"]!;
        }
        Assert.True(Resolved.TryGetValue(name, out var resolved), $"The template computes '{name}' at deployment; give it a stand-in in {nameof(Resolved)}.");
        return resolved!;
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex(@"^\[parameters\('([A-Za-z]+)'\)\]$")]
    private static partial Regex ParameterReference();

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = TestDirectory.Create();

        public void Dispose() => TestDirectory.TryDelete(Path);
    }
}
