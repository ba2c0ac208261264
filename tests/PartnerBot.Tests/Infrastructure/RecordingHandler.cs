using System.Net;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// An HttpMessageHandler that sends nothing anywhere: it records each request it is asked to make and answers
/// 200 with an empty resource response. Tests that show the bot refuses an address assert that it saw none.
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly List<Uri> _requests = [];

    public IReadOnlyList<Uri> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests) _requests.Add(request.RequestUri!);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"recorded"}""") });
    }
}
