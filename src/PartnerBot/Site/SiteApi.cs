using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerBot.Advisor;
using PartnerBot.Advisor.Languages;

namespace PartnerBot.Site;

/// <summary>The partner's chat page (<c>/</c>) and the one-line embed script (<c>/embed.js</c>).</summary>
public static class SiteApi
{
    public static IHostApplicationBuilder AddSite(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (IOptions<SiteOptions> options, IOptions<AdvisorOptions> advisor, HttpRequest request, bool? embed, string? lang) =>
            TypedResults.Content(Page(options.Value, embed == true, PageLanguage(request, lang, advisor.Value)), "text/html; charset=utf-8"));
        endpoints.MapGet("/embed.js", () => TypedResults.Content(EmbedScript, "text/javascript; charset=utf-8"));
        return endpoints;
    }

    /// <summary>
    /// The page's language: the visitor's choice (<c>?lang=de</c>, from the page's language links), else the first of
    /// the browser's languages the advisor speaks, else the site's. Web Chat gets it as its locale, so the bot speaks it too.
    /// </summary>
    private static Language PageLanguage(HttpRequest request, string? chosen, AdvisorOptions advisor)
    {
        if (Language.Find(chosen) is { } language) return language;
        var accepted = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => Language.Find(l.Value.Value)).OfType<Language>();
        return accepted.FirstOrDefault() ?? Language.Find(advisor.Language) ?? Language.English;
    }

    /// <summary>Configuration reaches the page as JSON in a data block (HTML-safe escaping), never as markup.</summary>
    private static string Page(SiteOptions site, bool embedded, Language language)
    {
        // The site's own texts are the partner's; the shipped ones are translated like the rest.
        string T(string english) => language.TranslateComposed(english) ?? english;
        var config = JsonSerializer.Serialize(new
        {
            Language = language.Code,
            Locale = language.Locale,
            Texts = new { Unavailable = T("The chat is not available right now. Please try again in a moment."), You = T("You") },
            site.Name,
            site.AccentColor,
            site.BotAvatarInitials,
            site.BotAvatarUrl,
        }, JsonSerializerOptions.Web);
        var name = WebUtility.HtmlEncode(site.Name);
        var intro = embedded ? string.Empty : $"""
            <header class="site-header">
              <div class="brand"><span class="logo" aria-hidden="true">{WebUtility.HtmlEncode(site.BotAvatarInitials)}</span><span class="brand-name">{name}</span></div>
              <p class="tagline">{WebUtility.HtmlEncode(T(site.Tagline))}</p>
              <nav class="languages" aria-label="{WebUtility.HtmlEncode(T("Language"))}">{Switches(language)}</nav>
            </header>
            <section class="intro" aria-labelledby="intro-title">
              <h1 id="intro-title">{WebUtility.HtmlEncode(T(site.Headline))}</h1>
              <p>{WebUtility.HtmlEncode(T("Answer about ten short questions on your device, your regulatory plans and your team. You get a recommendation on the engagement model, where to start and what to watch out for, and you can talk to an expert."))}</p>
            </section>
            """;
        return $$"""
            <!doctype html>
            <html lang="{{language.Code}}">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{name}}</title>
              <link rel="stylesheet" href="/site.css">
              <style>:root { --accent: {{site.AccentColor}}; }</style>
            </head>
            <body class="{{(embedded ? "embedded" : "page")}}">
              <a class="skip-link" href="#webchat">{{WebUtility.HtmlEncode(T("Skip to the chat"))}}</a>
              {{intro}}
              <main class="chat" aria-label="{{WebUtility.HtmlEncode(language.Format("Chat with {name}", ("name", site.Name)))}}">
                <div class="chat-privacy">
                  <label><input type="checkbox" id="chat-remember"> {{WebUtility.HtmlEncode(T("Remember this chat on this device"))}}</label>
                  <button type="button" id="chat-forget">{{WebUtility.HtmlEncode(T("End chat and forget me"))}}</button>
                </div>
                <div id="webchat"></div>
                <p id="chat-status" class="chat-status" role="status" aria-live="polite"></p>
              </main>
              <script id="partnerbot-config" type="application/json">{{config}}</script>
              <script src="/lib/webchat.js"></script>
              <script src="/card-colors.js"></script>
              <script src="/app.js"></script>
            </body>
            </html>
            """;
    }

    /// <summary>The other languages, each a link to the page in it (named in itself, marked with its language).</summary>
    private static string Switches(Language current) => string.Join(" ", Language.All.Select(l => l == current
        ? $"""<span aria-current="true" lang="{l.Code}">{WebUtility.HtmlEncode(l.NativeName)}</span>"""
        : $"""<a href="/?lang={l.Code}" lang="{l.Code}" hreflang="{l.Code}">{WebUtility.HtmlEncode(l.NativeName)}</a>"""));

    /// <summary>
    /// One script tag on another site adds a chat button that opens this page in a frame, so the other site needs
    /// no token handling and no CORS.
    /// </summary>
    private const string EmbedScript = """
        (function () {
          var script = document.currentScript;
          var origin = new URL(script.src).origin;
          var label = script.getAttribute('data-label') || 'Chat with us';
          var button = document.createElement('button');
          button.type = 'button';
          button.textContent = label;
          button.setAttribute('aria-expanded', 'false');
          button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483000;padding:12px 18px;border:0;border-radius:24px;background:#0a6ebd;color:#fff;font:600 15px system-ui,sans-serif;box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer';
          var frame = document.createElement('iframe');
          frame.title = label;
          frame.src = origin + '/?embed=true';
          frame.hidden = true;
          frame.style.cssText = 'position:fixed;right:20px;bottom:76px;z-index:2147483000;width:min(400px,calc(100vw - 40px));height:min(640px,calc(100vh - 100px));border:0;border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.3);background:#fff';
          button.addEventListener('click', function () {
            frame.hidden = !frame.hidden;
            button.setAttribute('aria-expanded', String(!frame.hidden));
            if (!frame.hidden) frame.focus();
          });
          document.body.appendChild(frame);
          document.body.appendChild(button);
        })();
        """;
}
