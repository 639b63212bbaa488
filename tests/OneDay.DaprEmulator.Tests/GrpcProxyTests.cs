using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OneDay.DaprEmulator.Hosting;
using OneDay.DaprEmulator.Tests.Infrastructure;
using OneDay.Testing;

namespace OneDay.DaprEmulator.Tests;

/// <summary>
/// gRPC proxying through the sidecar's gRPC port to an app served with `--app-protocol grpc` (docs/dapr-invocation-
/// and-actors-fidelity.md §3; dapr v1.16.9 pkg/messaging/grpc_proxy.go and pkg/api/grpc/proxy/handler.go): the
/// target named by `dapr-app-id`, metadata and deadline carried, streams flowing as they come, the callee's access
/// control applied to the method's full name. The app is grpc.health.v1.Health, a service the sidecar does not serve.
/// </summary>
public sealed class GrpcProxyTests : IAsyncLifetime
{
    private readonly EmulatorTestHost _host = new();
    private readonly HealthServiceImpl _health = new();
    private readonly ReceivedCalls _received = new();
    private WebApplication _app = null!;
    private Sidecar _caller = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(_received);
        builder.Services.AddSingleton(_health);
        builder.Services.AddGrpc(o => o.Interceptors.Add<ReceivedCalls>());
        _app = builder.Build();
        _app.MapGrpcService<HealthServiceImpl>();
        await _app.StartAsync();
        _health.SetStatus("greeter", HealthCheckResponse.Types.ServingStatus.Serving);
        await _host.StartSidecarForGrpcAppAsync("greeter", port);
        _caller = await _host.StartSidecarOnlyAsync("caller");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task D5_a_unary_call_reaches_the_app_named_in_dapr_app_id_with_its_metadata_and_deadline()
    {
        using var channel = GrpcChannel.ForAddress(_caller.GrpcEndpoint);
        var deadline = DateTime.UtcNow.AddSeconds(20);

        var answer = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "greeter" },
            new Metadata { { "dapr-app-id", "greeter" }, { "x-order", "42" } }, deadline);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
        var call = Assert.Single(_received.Calls);
        Assert.Equal("/grpc.health.v1.Health/Check", call.Method);
        Assert.Equal("42", call.Headers.GetValue("x-order"));
        Assert.Equal("caller", call.Headers.GetValue("dapr-caller-app-id"));
        Assert.Null(call.Headers.GetValue("dapr-app-id"));
        // grpc-timeout is relative: the app's deadline is later by the time the call took to reach it, seconds on a
        // loaded machine; without the forwarded timeout it would be DateTime.MaxValue.
        Assert.InRange(call.Deadline, DateTime.UtcNow, deadline.AddSeconds(5));
    }

    [Fact]
    public async Task D5_a_server_stream_passes_each_message_on_as_the_app_sends_it()
    {
        using var channel = GrpcChannel.ForAddress(_caller.GrpcEndpoint);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = "greeter" },
            new Metadata { { "dapr-app-id", "greeter" } }, cancellationToken: stop.Token);

        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);
        _health.SetStatus("greeter", HealthCheckResponse.Types.ServingStatus.NotServing);
        Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task D5_the_apps_own_status_comes_back_and_a_call_without_a_target_is_unknown_as_daprd_answers_it()
    {
        using var channel = GrpcChannel.ForAddress(_caller.GrpcEndpoint);
        var client = new Health.HealthClient(channel);

        var notFound = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CheckAsync(new HealthCheckRequest { Service = "nobody" }, new Metadata { { "dapr-app-id", "greeter" } }));
        var noTarget = await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(new HealthCheckRequest { Service = "greeter" }));

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(StatusCode.Unknown, noTarget.StatusCode);
        Assert.Contains("required metadata dapr-callee-app-id or dapr-app-id not found", noTarget.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task D5_the_callees_access_control_judges_the_method_by_its_full_name()
    {
        // test-config.yaml: app id "trusted" may only GET /internal/**; everything else is denied to it.
        var trusted = await _host.StartSidecarOnlyAsync("trusted");
        using var channel = GrpcChannel.ForAddress(trusted.GrpcEndpoint);

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await new Health.HealthClient(channel).CheckAsync(
            new HealthCheckRequest { Service = "greeter" }, new Metadata { { "dapr-app-id", "greeter" } }));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("operation: grpc.health.v1.Health/Check", denied.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_received.Calls);
    }

    /// <summary>What the app was called with, as its gRPC server saw it.</summary>
    private sealed class ReceivedCalls : Interceptor
    {
        private readonly ConcurrentQueue<(string Method, Metadata Headers, DateTime Deadline)> _calls = new();

        public IReadOnlyList<(string Method, Metadata Headers, DateTime Deadline)> Calls => _calls.ToList();

        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            _calls.Enqueue((context.Method, context.RequestHeaders, context.Deadline));
            return continuation(request, context);
        }
    }
}
