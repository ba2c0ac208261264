using Microsoft.AspNetCore.Mvc.Testing;
using PartnerBot.Hosting;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>Starts a host that is expected to refuse to start, and returns why.</summary>
public static class StartupFailure
{
    public static StartupCheckException Of<T>(WebApplicationFactory<T> factory) where T : class
    {
        Exception? thrown = null;
        try
        {
            factory.CreateClient().Dispose();
        }
        catch (Exception exception)
        {
            thrown = exception;
        }
        Assert.True(thrown is not null, "The app started although it should have refused to.");
        for (var current = thrown; current is not null; current = current is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : current.InnerException)
        {
            if (current is StartupCheckException check) return check;
        }
        throw new Xunit.Sdk.XunitException($"The app failed to start, but not with a start-up check: {thrown}");
    }
}
