using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Hosting;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>Starts a host that is expected to refuse to start, and returns why.</summary>
public static class StartupFailure
{
    /// <summary>
    /// The message of the start-up check that stopped the app: the critical line the check logs before it throws
    /// (written on the thread that runs the checks, so it is there whatever the test host then reports), else the
    /// check's exception in what the start threw. The test host starts the app's entry point on a thread of its
    /// own and may report the disposal that follows a failed start rather than its cause; the log does not race.
    /// </summary>
    public static string Of<T>(WebApplicationFactory<T> factory) where T : class
    {
        var logs = new CriticalLogs();
        Exception? thrown = null;
        try
        {
            factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs)))
                .CreateClient().Dispose();
        }
        catch (Exception exception)
        {
            thrown = exception;
        }
        Assert.True(thrown is not null, "The app started although it should have refused to.");
        if (logs.Messages.FirstOrDefault(m => m.StartsWith(CriticalLogs.Prefix, StringComparison.Ordinal)) is { } logged) return logged[CriticalLogs.Prefix.Length..];
        for (var current = thrown; current is not null; current = current is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : current.InnerException)
        {
            if (current is StartupCheckException check) return check.Message;
        }
        throw new Xunit.Sdk.XunitException($"The app failed to start, but not with a start-up check: {thrown}");
    }
}

/// <summary>The app's critical log lines, as an operator's alerting would see them.</summary>
public sealed class CriticalLogs : ILoggerProvider, ILogger
{
    /// <summary>How a start-up check's line begins.</summary>
    public const string Prefix = "PartnerBot cannot start: ";

    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Critical;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel == LogLevel.Critical) Messages.Enqueue(formatter(state, exception));
    }

    public void Dispose()
    {
    }
}
