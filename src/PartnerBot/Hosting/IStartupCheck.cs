namespace PartnerBot.Hosting;

/// <summary>
/// Something a part of the app must prove usable before the app takes requests (a database, a storage account, a
/// key). Each part registers its own; <see cref="StartupChecks"/> runs them all, in registration order (storage
/// first), once, so the host never needs to know which provider or key is behind them.
/// </summary>
public interface IStartupCheck
{
    /// <exception cref="StartupCheckException">What cannot work, in one line naming the setting or file.</exception>
    Task CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A check that is passed when the service resolves: its construction proves it usable (a store that opens and verifies its file, a key that loads).</summary>
public sealed class ResolvesCheck<T>(IServiceProvider services) : IStartupCheck where T : notnull
{
    public Task CheckAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<T>();
        return Task.CompletedTask;
    }
}
