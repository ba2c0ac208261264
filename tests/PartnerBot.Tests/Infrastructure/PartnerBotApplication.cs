using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Storage.Sqlite;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// PartnerBot in-process with its own SQLite file. Pass the same <see cref="DataDirectory"/> to a second
/// instance to simulate a restart (or a second instance of the app) on the same database.
/// </summary>
public sealed class PartnerBotApplication : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDirectory;
    private readonly Action<IServiceCollection>? _services;
    private readonly string? _environment;

    /// <param name="services">Replaces services for this test only (cloud fakes, recording handlers).</param>
    /// <param name="environment">The host environment; Development unless said.</param>
    public PartnerBotApplication(string? dataDirectory = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string? environment = null)
    {
        _services = services;
        _environment = environment;
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? TestDirectory.Create();
        _settings = new Dictionary<string, string?>
        {
            ["Storage:SqlitePath"] = DatabasePath,
            ["MicrosoftAppId"] = "",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "partnerbot.db");

    public Stores Store => new Stores(Services);

    public TestChat Chat(string? conversationId = null, string channelId = "emulator", string userId = "user-1", string userName = "Ada Prospect",
        string? conversationType = null, string? serviceUrl = null, string locale = "en-US") =>
        new(CreateClient(), conversationId ?? "conv-" + Guid.NewGuid().ToString("N")[..12], channelId, userId, userName, conversationType, serviceUrl, locale);

    /// <summary>The settings' own validation message the app refuses to start with (the test fails if it starts).</summary>
    public string StartupRefusal()
    {
        var error = Assert.ThrowsAny<Exception>(() => CreateClient());
        return Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error is Microsoft.Extensions.Options.OptionsValidationException ? error : error.InnerException ?? error).Message;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_environment is not null) builder.UseEnvironment(_environment);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory) TestDirectory.TryDelete(DataDirectory);
    }
}
