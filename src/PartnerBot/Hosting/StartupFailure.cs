using Microsoft.Extensions.Options;
using PartnerBot.Storage;
using PartnerBot.Storage.AzureTable;

namespace PartnerBot.Hosting;

public static class StartupFailure
{
    /// <summary>
    /// Runs the app. A setting that cannot work (for example a storage account that cannot be reached) ends the
    /// process with one line naming the setting and exit code 1, rather than a stack trace.
    /// </summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            // Checked before the host starts, so a bad setting is reported here once, not as the host's stack trace.
            app.Services.GetService<AzureTableStartup>()?.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            app.Run();
            return 0;
        }
        catch (StorageStartupException exception)
        {
            Console.Error.WriteLine($"PartnerBot cannot start: {exception.Message}");
            return 1;
        }
        catch (OptionsValidationException exception) when (exception.OptionsType == typeof(StorageOptions))
        {
            Console.Error.WriteLine($"PartnerBot cannot start: {string.Join(" ", exception.Failures)}");
            return 1;
        }
    }
}
