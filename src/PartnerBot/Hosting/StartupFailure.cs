using PartnerBot.Storage;

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
            app.Run();
            return 0;
        }
        catch (StorageStartupException exception)
        {
            Console.Error.WriteLine($"PartnerBot cannot start: {exception.Message}");
            return 1;
        }
    }
}
