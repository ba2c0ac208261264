using PartnerBot.DirectLine;
using PartnerBot.Hosting;
using PartnerBot.Messages;
using PartnerBot.Sales.Workspace;
using PartnerBot.Site;

var builder = WebApplication.CreateBuilder(args);
builder.UseLocalDefaultWhenUnconfigured();

builder.AddBotStorage();
builder.AddPartnerBot();
builder.AddDirectLine();
builder.AddClientRateLimits();
builder.AddSite();
builder.Services.AddProblemDetails();
builder.AddHealth();
builder.AddTelemetry();
builder.AddSalesWorkspace();
builder.AddLiveChat();
builder.AddWebhooks();
builder.AddDataverse();
builder.AddBooking();
builder.AddFrontEnd();
builder.AddTurnDraining();

var app = builder.Build();

app.UseFrontEnd();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebSockets();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseStaticFiles();

app.MapMessages();
app.MapDirectLine();
app.MapDirectLineToken();
app.MapSite();
app.MapHealth();
app.MapSalesWorkspace();

return app.RunOrExplain();

/// <summary>The host's entry point, visible to the test host.</summary>
public partial class Program;
