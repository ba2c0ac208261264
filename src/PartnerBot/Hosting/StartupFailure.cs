using Microsoft.Extensions.Options;
using PartnerBot.Storage;

namespace PartnerBot.Hosting;

public static class StartupFailure
{
    /// <summary>
    /// Runs the app. A setting that cannot work (for example a storage account that cannot be reached) ends the
    /// process with one line naming the setting and exit code 1, rather than a stack trace.
    /// </summary>
    private static bool RunningAsTheApp => System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly;

    /// <summary>The start-up check behind a failure, however the host wrapped it.</summary>
    private static Exception? Refusal(Exception exception) => exception switch
    {
        StorageStartupException or StartupCheckException => exception,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Refusal).FirstOrDefault(r => r is not null),
        _ when exception.InnerException is { } inner => Refusal(inner),
        _ => null,
    };

    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            // Checked before the host starts, so a refusal is reported here once, not as the host's stack trace; the
            // hosted service then finds them done.
            app.Services.GetRequiredService<StartupChecks>().RunAsync(CancellationToken.None).GetAwaiter().GetResult();
            app.Run();
            return 0;
        }
        catch (Exception exception) when (RunningAsTheApp && Refusal(exception) is { } refusal)
        {
            // One line and exit code 1: a start-up refusal is an answer, not a crash (no abort, no stack trace). A test
            // host running this entry point needs the exception itself, so there it goes on.
            Console.Error.WriteLine($"PartnerBot cannot start: {refusal.Message}");
            return 1;
        }
        catch (OptionsValidationException exception) when (exception.OptionsType == typeof(StorageOptions))
        {
            Console.Error.WriteLine($"PartnerBot cannot start: {string.Join(" ", exception.Failures)}");
            return 1;
        }
    }
}
