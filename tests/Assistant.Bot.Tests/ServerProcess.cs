using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Bot.Tests;

/// <summary>
/// The real server as a child process (<c>dotnet Assistant.Bot.dll --urls … --Assistant:DataDirectory=…</c>), for what
/// an in-process host cannot show: surviving kill -9.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server on a free loopback port and waits until it is ready (/readyz: the plan, which loads while the server listens, is loaded).</summary>
    public static Task<ServerProcess> StartAsync(string dataDirectory, params string[] extraArgs) =>
        StartCoreAsync(umask: null, AppFolder, [$"--Assistant:DataDirectory={dataDirectory}", .. extraArgs]);

    /// <summary>Starts the server in <paramref name="workingDirectory"/>, with the data folder it would choose there.</summary>
    public static Task<ServerProcess> StartInAsync(string workingDirectory, params string[] extraArgs) =>
        StartCoreAsync(umask: null, workingDirectory, extraArgs);

    /// <summary>The same as <see cref="StartAsync"/>, with the process umask set first (as a service manager or a login shell would).</summary>
    public static Task<ServerProcess> StartUnderUmaskAsync(string umask, string dataDirectory, params string[] extraArgs) =>
        StartCoreAsync(umask, AppFolder, [$"--Assistant:DataDirectory={dataDirectory}", .. extraArgs]);

    private static string AppFolder => Path.GetDirectoryName(typeof(Program).Assembly.Location)!;

    private static async Task<ServerProcess> StartCoreAsync(string? umask, string workingDirectory, string[] extraArgs)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var app = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo(umask is null ? "dotnet" : "/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (umask is not null)
        {
            // exec: the shell becomes the server, so killing the process kills the server.
            foreach (var arg in new[] { "-c", $"umask {umask} && exec dotnet \"$@\"", "sh" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in new[] { app, "--urls", address.ToString().TrimEnd('/') }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{server.Output}");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"The server was not ready (/readyz) within 60 s:\n{server.Output}");
    }

    /// <summary>kill -9: no shutdown hooks, no flushing — only what was committed survives.</summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
