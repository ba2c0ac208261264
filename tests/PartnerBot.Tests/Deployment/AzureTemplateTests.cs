using System.Text.Json.Nodes;

namespace PartnerBot.Tests.Deployment;

/// <summary>
/// The Azure deployment template compiled and linted by the real Bicep CLI: it builds with no diagnostic, the
/// committed ARM JSON (for portal deployments) is what it compiles to, and the example parameters fit it.
/// </summary>
public sealed class AzureTemplateTests
{
    [Fact]
    public async Task Main_bicep_lints_without_a_warning()
    {
        var result = await BicepCli.RunAsync(AzureTemplate.Folder, "lint", "main.bicep");

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0,
            $"bicep lint exited {result.ExitCode}:\n{result.Error}{result.Output}");
    }

    [Fact]
    public async Task The_linter_reports_what_it_finds()
    {
        // The zero-warning check above means something only if the CLI reports problems in this setup.
        var folder = TestDirectoryFor("bicep-lint");
        await File.WriteAllTextAsync(Path.Combine(folder, "unused.bicep"), "param unused string\n");

        var result = await BicepCli.RunAsync(folder, "lint", "unused.bicep");

        Assert.Contains(result.Diagnostics, d => d.Contains("Warning no-unused-params", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_committed_azuredeploy_json_is_what_main_bicep_compiles_to()
    {
        var result = await BicepCli.RunAsync(AzureTemplate.Folder, "build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, $"bicep build exited {result.ExitCode}:\n{result.Error}");

        var built = JsonNode.Parse(result.Output)!.AsObject();
        var committed = AzureTemplate.CompiledTemplate();
        // The generator block names the compiler's build and a hash; a newer compiler alone should not fail this.
        foreach (var template in new[] { built, committed }) template["metadata"]?.AsObject().Remove("_generator");

        Assert.True(JsonNode.DeepEquals(built, committed),
            "deploymentTemplates/azure/azuredeploy.json is out of date: run `bicep build main.bicep --outfile azuredeploy.json` there.");
    }

    [Fact]
    public void The_example_parameters_fit_the_template()
    {
        var template = AzureTemplate.CompiledTemplate();
        var declared = template["parameters"]!.AsObject();
        var example = AzureTemplate.ReadObject(Path.Combine(AzureTemplate.Folder, "main.parameters.example.json"))["parameters"]!.AsObject();

        Assert.All(example, p => Assert.True(declared.ContainsKey(p.Key), $"The example sets '{p.Key}', which main.bicep does not declare."));
        var required = declared.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).ToList();
        Assert.Equal(["name"], required);
        Assert.All(required, name => Assert.True(example.ContainsKey(name), $"The example misses the required parameter '{name}'."));
    }

    [Fact]
    public void The_app_is_hardened_and_checked_on_its_readiness_endpoint()
    {
        var template = AzureTemplate.CompiledTemplate();
        var site = AzureTemplate.Resources(template, "Microsoft.Web/sites").Single();
        var properties = site["properties"]!;
        var config = properties["siteConfig"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)config["alwaysOn"]!);
        Assert.True((bool)config["webSocketsEnabled"]!);
        Assert.Equal("1.2", (string?)config["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)config["ftpsState"]);
        Assert.Equal("/healthz/ready", (string?)config["healthCheckPath"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);

        var storage = AzureTemplate.Resources(template, "Microsoft.Storage/storageAccounts").Single()["properties"]!;
        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);

        var bot = AzureTemplate.Resources(template, "Microsoft.BotService/botServices").Single();
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("UserAssignedMSI", (string?)bot["properties"]!["msaAppType"]);
        Assert.StartsWith("[format('https://{0}/api/messages', ", (string?)bot["properties"]!["endpoint"]);
    }

    [Fact]
    public void Teams_is_always_on_and_Azures_Direct_Line_only_when_asked_for()
    {
        var template = AzureTemplate.CompiledTemplate();
        var channels = AzureTemplate.Resources(template, "Microsoft.BotService/botServices/channels");

        var teams = channels.Single(c => (string?)c["properties"]!["channelName"] == "MsTeamsChannel");
        Assert.Null(teams["condition"]);
        var directLine = channels.Single(c => (string?)c["properties"]!["channelName"] == "DirectLineChannel");
        Assert.Equal("[variables('useAzureDirectLine')]", (string?)directLine["condition"]);
        Assert.Equal("Embedded", (string?)template["parameters"]!["directLine"]!["defaultValue"]);
    }

    [Fact]
    public void The_identity_may_read_and_write_tables_and_nothing_else_in_the_account()
    {
        var template = AzureTemplate.CompiledTemplate();
        var assignments = AzureTemplate.Resources(template, "Microsoft.Authorization/roleAssignments");

        var table = assignments.Single(a => ((string?)a["properties"]!["roleDefinitionId"])!.Contains("storageTableDataContributor", StringComparison.Ordinal));
        Assert.Equal("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", (string?)template["variables"]!["storageTableDataContributor"]);
        Assert.StartsWith("[guid(", (string?)table["name"]);
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)table["scope"]);
        Assert.Contains("userAssignedIdentities", (string?)table["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)table["properties"]!["principalType"]);
    }

    private static string TestDirectoryFor(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "partnerbot-tests", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
