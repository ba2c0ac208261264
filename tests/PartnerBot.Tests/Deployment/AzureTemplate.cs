using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.Tests.Deployment;

/// <summary>The files of <c>deploymentTemplates/azure</c> and what the tests read from them.</summary>
public static class AzureTemplate
{
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln"))) return directory.FullName;
            }
            Assert.Fail($"No folder above {AppContext.BaseDirectory} contains PartnerBot.sln");
            return string.Empty;
        }
    }

    public static string Folder => Path.Combine(RepositoryRoot, "deploymentTemplates", "azure");

    public static JsonObject CompiledTemplate() => ReadObject(Path.Combine(Folder, "azuredeploy.json"));

    public static JsonObject ReadObject(string path) =>
        // The sample settings carry comments (as appsettings files may).
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject() ?? throw new InvalidDataException($"{path} is not a JSON object.");

    /// <summary>The resources of the compiled template with the given type.</summary>
    public static IReadOnlyList<JsonObject> Resources(JsonObject template, string type) =>
        [.. template["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type)];

    /// <summary>The app settings the template gives the web app (the <c>appsettings</c> config resource).</summary>
    public static IReadOnlyDictionary<string, JsonNode?> AppSettings(JsonObject template)
    {
        var config = Resources(template, "Microsoft.Web/sites/config")
            .Single(r => ((string?)r["name"] ?? "").Contains("'appsettings'", StringComparison.Ordinal));
        return config["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>Every configuration key a JSON settings file declares, in <c>Section:Key</c> form.</summary>
    public static IReadOnlySet<string> ConfigurationKeys(JsonObject settings)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, string prefix)
        {
            if (prefix.Length > 0) keys.Add(prefix);
            if (node is JsonObject obj)
            {
                foreach (var (key, child) in obj) Walk(child, prefix.Length == 0 ? key : $"{prefix}:{key}");
            }
        }
        Walk(settings, "");
        return keys;
    }
}
