using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Assistant.Bot.Tests.DirectLine;

/// <summary>One headless Debian Chromium for the browser tests (Playwright never downloads a browser here).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: $ASSISTANT_SCREENSHOTS, else screenshots/ next to the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("ASSISTANT_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        // CI has two cores shared with the server under test: a page's answer may take longer than Playwright's 5 s
        // default on a loaded machine. Assertions still pass as soon as the text is there.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Another site on another loopback port, whose page embeds the widget: a different origin from the assistant.</summary>
internal sealed class HostSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostSite(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    public Uri Origin { get; }

    /// <summary>The page served at /; set it once the assistant's address is known.</summary>
    public string Html { get; set; } = "<!DOCTYPE html><title>empty</title>";

    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    public static async Task<HostSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        HostSite? site = null;
        app.MapGet("/", () => Results.Content(site!.Html, "text/html; charset=utf-8"));
        await app.StartAsync();
        site = new HostSite(app, new Uri(app.Urls.Single()));
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
