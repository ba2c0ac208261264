using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Webhooks;

/// <summary>
/// A webhook receiver on loopback: records every request with its Standard Webhooks headers and answers what the test
/// queues (a status, a Retry-After, a redirect), 200 otherwise. Signatures are checked as the specification writes
/// them (HMAC-SHA256 of "id.timestamp.body" with the base64 secret after "whsec_"), independently of the package the
/// app signs with.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A test secret: 32 bytes, in the whsec_ form.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public sealed record Request(string Id, string Timestamp, string Signature, string Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;

        public string Type => Json["type"]!.GetValue<string>();
    }

    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentQueue<Func<HttpResponse, IResult?>> _answers = new();
    private WebApplication _app = null!;

    public string Url { get; private set; } = "";

    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>Requests answered with a 2xx, in order.</summary>
    public List<Request> Delivered { get; } = [];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        var (app, address) = await LoopbackServer.StartAsync(app => app.MapPost("/hooks", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new Request(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body);
            receiver._requests.Enqueue(request);
            if (receiver._answers.TryDequeue(out var answer) && answer(http.Response) is { } queued) return queued;
            lock (receiver.Delivered) receiver.Delivered.Add(request);
            return Results.Ok();
        }));
        receiver._app = app;
        receiver.Url = address + "/hooks";
        return receiver;
    }

    public void Fail(int status, string? retryAfter = null) => _answers.Enqueue(response =>
    {
        if (retryAfter is not null) response.Headers.RetryAfter = retryAfter;
        return Results.StatusCode(status);
    });

    /// <summary>The receiver is back: what was queued is dropped, everything is answered 200.</summary>
    public void Recover() => _answers.Clear();

    public void Redirect(string to) => _answers.Enqueue(_ => Results.Redirect(to, permanent: false, preserveMethod: true));

    public IReadOnlyList<Request> DeliveredOf(string type)
    {
        lock (Delivered) return Delivered.Where(r => r.Type == type).ToList();
    }

    public Task WaitForAsync(string type, int count = 1) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(DeliveredOf(type).Count >= count), $"the receiver gets {count} {type}");

    /// <summary>The signature as the specification defines it, computed here.</summary>
    public static bool SignatureHolds(Request request, string secret = Secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.{request.Body}")));
        return request.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s), Encoding.UTF8.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
