namespace PartnerBot.Tests.Infrastructure;

/// <summary>Waits for something a background job does (bounded: 30 s), failing with what did not happen.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail(what);
    }
}
