using PartnerBot.Hosting;
using PartnerBot.Messages;

var builder = WebApplication.CreateBuilder(args);

builder.AddBotStorage();
builder.AddPartnerBot();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapMessages();
app.MapHealthChecks("/healthz");

app.Run();

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
