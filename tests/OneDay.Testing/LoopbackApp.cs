using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace OneDay.Testing;

/// <summary>A quiet web app on a free loopback port: what tests start to stand in for another service or a collector.</summary>
public static class LoopbackApp
{
    public static WebApplicationBuilder CreateBuilder(out int port)
    {
        port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        return builder;
    }
}
