using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerBot.Tests.Teams;

/// <summary>
/// The Teams app package in deploymentTemplates/teams: the manifest meets what the Teams manifest schema 1.29
/// requires of it once package.sh has filled in its placeholders, and the icons are the PNG files Teams accepts.
/// Everything is checked offline from the committed files; package.sh is never run.
/// </summary>
public sealed class TeamsAppPackageTests
{
    private const string SchemaUrl = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json";

    // Patterns from the 1.29 schema's definitions (guid, anyHttpUrl, hexColor, semver). The schema itself only limits
    // the length of "version", but Teams requires major.minor.patch, which its semver definition spells out.
    private const string GuidPattern = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";
    private const string HttpUrlPattern = "^[Hh][Tt][Tt][Pp][Ss]?://";
    private const string HexColorPattern = "^#[0-9a-fA-F]{6}$";
    private const string SemverPattern = @"^([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)\.([0-9]|[1-9]+[0-9]*)$";

    private static readonly string[] BotScopes = ["personal", "team", "groupChat"];
    private static readonly string[] Commands = ["start", "help", "start over"];

    /// <summary>What a real deployment passes to package.sh, by placeholder name.</summary>
    private static readonly Dictionary<string, string> DeploymentValues = new()
    {
        ["APP_ID"] = "6f1c2a7e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
        ["BOT_DOMAIN"] = "partnerbot.azurewebsites.net",
        ["DEVELOPER_NAME"] = "Example Medical Devices",
        ["WEBSITE_URL"] = "https://www.example.com",
        ["PRIVACY_URL"] = "https://www.example.com/privacy",
        ["TERMS_URL"] = "https://www.example.com/terms",
    };

    private static readonly Lazy<string> TeamsFolder = new(() => Path.Combine(FindRepositoryRoot(), "deploymentTemplates", "teams"));

    // ------------------------------------------------------------------------------------------------------------
    // The manifest
    // ------------------------------------------------------------------------------------------------------------

    [Fact]
    public void Manifest_declares_the_1_29_schema()
    {
        var manifest = CommittedManifest();

        Assert.Equal(SchemaUrl, StringAt(manifest, "$schema"));
        Assert.Equal("1.29", StringAt(manifest, "manifestVersion"));
    }

    [Fact]
    public void Version_is_major_minor_patch()
    {
        Assert.Matches(SemverPattern, StringAt(CommittedManifest(), "version"));
    }

    [Fact]
    public void App_id_and_bot_id_are_the_app_id_placeholder_and_become_a_guid()
    {
        var committed = CommittedManifest();
        Assert.Equal("{{APP_ID}}", StringAt(committed, "id"));
        Assert.Equal("{{APP_ID}}", StringAt(committed, "bots.0.botId"));

        var filled = FilledManifest();
        Assert.Matches(GuidPattern, StringAt(filled, "id"));
        Assert.Matches(GuidPattern, StringAt(filled, "bots.0.botId"));
    }

    [Fact]
    public void The_bot_may_hear_the_replies_in_a_lead_cards_thread_without_a_mention()
    {
        // Live hand-off: a colleague answers a prospect in the thread without mentioning the bot each time. Resource-specific
        // consent needs the Entra app in webApplicationInfo (its resource is not used, but must be there).
        var filled = FilledManifest();
        Assert.Equal(StringAt(filled, "id"), StringAt(filled, "webApplicationInfo.id"));
        Assert.False(string.IsNullOrWhiteSpace(StringAt(filled, "webApplicationInfo.resource")));
        var permission = Assert.Single(ArrayAt(filled, "authorization.permissions.resourceSpecific"));
        Assert.Equal(("ChannelMessage.Read.Group", "Application"), (StringAt(permission!, "name"), StringAt(permission!, "type")));
    }

    [Fact]
    public void Developer_has_a_name_and_https_addresses_once_filled_in()
    {
        var filled = FilledManifest();

        var name = StringAt(filled, "developer.name");
        Assert.True(name.Trim().Length is > 0 and <= 32, $"developer.name must have 1 to 32 characters: '{name}'");
        foreach (var field in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            var url = StringAt(filled, "developer." + field);
            Assert.Matches(HttpUrlPattern, url);
            Assert.StartsWith("https://", url, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("name.short", 30)]
    [InlineData("name.full", 100)]
    [InlineData("description.short", 80)]
    [InlineData("description.full", 4000)]
    public void Names_and_descriptions_fit_the_schema_limits(string path, int maxLength)
    {
        var text = StringAt(CommittedManifest(), path);

        Assert.False(string.IsNullOrWhiteSpace(text), $"{path} is empty");
        Assert.True(text.Length <= maxLength, $"{path} has {text.Length} characters; the schema allows {maxLength}");
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Accent_colour_is_a_hex_colour()
    {
        Assert.Matches(HexColorPattern, StringAt(CommittedManifest(), "accentColor"));
    }

    [Fact]
    public void There_is_one_conversational_bot_for_personal_chats_teams_and_group_chats()
    {
        var bot = Assert.Single(ArrayAt(CommittedManifest(), "bots"));
        Assert.NotNull(bot);

        var scopes = Strings(ArrayAt(bot, "scopes"), "bots.0.scopes");
        Assert.Equal(scopes.Distinct().Count(), scopes.Count);
        Assert.All(scopes, scope => Assert.Contains(scope, BotScopes));
        Assert.All(BotScopes, scope => Assert.Contains(scope, scopes));
        Assert.False(BoolAt(bot, "supportsFiles"), "the bot does not take files");
        Assert.False(BoolAt(bot, "isNotificationOnly"), "the bot is conversational");
    }

    [Fact]
    public void Every_scope_offers_start_help_and_start_over_within_the_length_limits()
    {
        var bot = Assert.Single(ArrayAt(CommittedManifest(), "bots"));
        Assert.NotNull(bot);
        var botScopes = Strings(ArrayAt(bot, "scopes"), "bots.0.scopes");
        var commandLists = ArrayAt(bot, "commandLists");
        Assert.InRange(commandLists.Count, 1, 3);

        var scopesWithCommands = new List<string>();
        foreach (var list in commandLists)
        {
            Assert.NotNull(list);
            var listScopes = Strings(ArrayAt(list, "scopes"), "commandLists[].scopes");
            Assert.NotEmpty(listScopes);
            Assert.All(listScopes, scope => Assert.Contains(scope, botScopes));
            scopesWithCommands.AddRange(listScopes);

            var titles = new List<string>();
            foreach (var command in ArrayAt(list, "commands"))
            {
                Assert.NotNull(command);
                var title = StringAt(command, "title");
                var description = StringAt(command, "description");
                Assert.True(title.Length is > 0 and <= 32, $"command title '{title}' must have 1 to 32 characters");
                Assert.True(description.Length is > 0 and <= 128, $"the description of '{title}' has {description.Length} characters; at most 128 are shown");
                titles.Add(title);
            }
            Assert.All(Commands, expected => Assert.Contains(expected, titles));
        }
        Assert.All(botScopes, scope => Assert.Contains(scope, scopesWithCommands));
    }

    [Fact]
    public void Permissions_are_only_those_the_schema_allows()
    {
        var permissions = CommittedManifest()["permissions"];
        if (permissions is null) return; // optional

        var granted = Strings(permissions.AsArray(), "permissions");
        Assert.InRange(granted.Count, 0, 2);
        Assert.All(granted, permission => Assert.Contains(permission, new[] { "identity", "messageTeamMembers" }));
    }

    [Fact]
    public void Valid_domains_name_the_bot_host_without_a_scheme()
    {
        var committed = Strings(ArrayAt(CommittedManifest(), "validDomains"), "validDomains");
        Assert.Contains("{{BOT_DOMAIN}}", committed);

        var filled = Strings(ArrayAt(FilledManifest(), "validDomains"), "validDomains");
        Assert.NotEmpty(filled);
        Assert.Contains(DeploymentValues["BOT_DOMAIN"], filled);
        Assert.All(filled, domain => Assert.DoesNotContain("://", domain, StringComparison.Ordinal));
    }

    [Fact]
    public void The_placeholders_are_exactly_those_package_sh_fills_so_the_package_needs_no_other_editing()
    {
        // The script itself is not run here: its placeholder list is read as text and the filling is redone above.
        var placeholders = Regex.Matches(ManifestText(), @"\{\{([A-Z_]+)\}\}").Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(DeploymentValues.Keys.Order(), placeholders);

        var script = File.ReadAllText(Path.Combine(TeamsFolder.Value, "package.sh"));
        Assert.All(placeholders, name => Assert.Contains($"\"{name}\"", script, StringComparison.Ordinal));
        Assert.DoesNotContain("{{", FilledManifest().ToJsonString(), StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The icons
    // ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("icons.color")]
    [InlineData("icons.outline")]
    public void Icons_are_files_beside_the_manifest(string path)
    {
        var file = StringAt(CommittedManifest(), path);

        Assert.Equal(Path.GetFileName(file), file); // the zip has no folders
        Assert.EndsWith(".png", file, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TeamsFolder.Value, file)), $"{path} names {file}, which is not in deploymentTemplates/teams");
    }

    [Fact]
    public void Color_icon_is_192_pixels_square()
    {
        var (width, height) = Png.SizeOf(IconPath("icons.color"));

        Assert.Equal((192, 192), (width, height));
    }

    [Fact]
    public void Color_icon_is_opaque_and_shows_a_white_mark_on_the_accent_colour()
    {
        var image = Png.Decode(IconPath("icons.color"));
        var accent = Convert.FromHexString(StringAt(CommittedManifest(), "accentColor")[1..]);

        Assert.All(image.Pixels(), p => Assert.Equal(255, p.A));
        Assert.Contains(image.Pixels(), p => p.R == accent[0] && p.G == accent[1] && p.B == accent[2]);
        Assert.Contains(image.Pixels(), p => p is { R: 255, G: 255, B: 255 });
    }

    [Fact]
    public void Outline_icon_is_32_pixels_square_with_an_alpha_channel()
    {
        var path = IconPath("icons.outline");
        var (width, height) = Png.SizeOf(path);

        Assert.Equal((32, 32), (width, height));
        Assert.Contains(Png.Decode(path).ColorType, new byte[] { Png.GrayAlpha, Png.Rgba });
    }

    [Fact]
    public void Outline_icon_is_white_on_a_transparent_background()
    {
        var image = Png.Decode(IconPath("icons.outline"));
        var pixels = image.Pixels().ToList();

        // Teams accepts only white (near-white from anti-aliasing) and transparency in the outline icon.
        var notWhite = new List<string>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = image.PixelAt(x, y);
                if (p.A > 0 && (p.R < 240 || p.G < 240 || p.B < 240)) notWhite.Add($"({x},{y}): {p}");
            }
        }
        Assert.Empty(notWhite);
        Assert.All(new[] { (0, 0), (31, 0), (0, 31), (31, 31) }, corner => Assert.Equal(0, image.PixelAt(corner.Item1, corner.Item2).A));
        var opaque = pixels.Count(p => p.A == 255);
        Assert.True(opaque >= pixels.Count / 10, $"only {opaque} of {pixels.Count} pixels are opaque: the glyph is missing or too faint");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln"))) return directory.FullName;
        }
        Assert.Fail($"No folder above {AppContext.BaseDirectory} contains PartnerBot.sln");
        return string.Empty;
    }

    private static string ManifestText() => File.ReadAllText(Path.Combine(TeamsFolder.Value, "manifest.json"));

    private static JsonNode CommittedManifest() => ParseObject(ManifestText(), "manifest.json");

    /// <summary>The manifest as package.sh fills it in for a deployment (a JSON string per placeholder).</summary>
    private static JsonNode FilledManifest()
    {
        var text = ManifestText();
        foreach (var (name, value) in DeploymentValues)
        {
            var escaped = JsonSerializer.Serialize(value)[1..^1];
            text = text.Replace("{{" + name + "}}", escaped, StringComparison.Ordinal);
        }
        return ParseObject(text, "the filled-in manifest.json");
    }

    private static JsonNode ParseObject(string json, string what)
    {
        var node = JsonNode.Parse(json);
        Assert.True(node is JsonObject, $"{what} is not a JSON object");
        return node;
    }

    /// <summary>The node at a dotted path ("bots.0.botId"); numbers index arrays.</summary>
    private static JsonNode? NodeAt(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(part, out var index) && index >= 0 && index < array.Count => array[index],
                JsonObject obj => obj[part],
                _ => null,
            };
        }
        return node;
    }

    private static string StringAt(JsonNode root, string path)
    {
        var value = NodeAt(root, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        Assert.True(value is not null, $"{path} must be a string");
        return value;
    }

    private static bool BoolAt(JsonNode root, string path)
    {
        var node = NodeAt(root, path);
        Assert.True(node is JsonValue v && v.TryGetValue<bool>(out _), $"{path} must be true or false");
        return node.GetValue<bool>();
    }

    private static JsonArray ArrayAt(JsonNode root, string path)
    {
        var node = NodeAt(root, path);
        Assert.True(node is JsonArray, $"{path} must be an array");
        return node.AsArray();
    }

    private static List<string> Strings(JsonArray array, string path)
    {
        var strings = new List<string>();
        foreach (var item in array)
        {
            var value = item is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            Assert.True(value is not null, $"{path} must hold strings only");
            strings.Add(value);
        }
        return strings;
    }

    private static string IconPath(string manifestPath) => Path.Combine(TeamsFolder.Value, StringAt(CommittedManifest(), manifestPath));
}
