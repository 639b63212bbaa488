using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OneDay.Gateway.Routing;

/// <summary>
/// What the gateway changes on the way through: client-sent identity and Dapr headers are removed (a
/// service learns who calls only from the validated token, and which app it is only from Dapr), the
/// target app id is set for the sidecar, and a Dapr invocation failure becomes a 502/504 ProblemDetails.
/// </summary>
public static class DaprForwardingTransforms
{
    public static void Apply(TransformBuilderContext context, IConfiguration configuration)
    {
        var appId = context.Route.Metadata?.GetValueOrDefault(DaprRouteTable.AppIdMetadata);
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            foreach (var name in headers.Select(h => h.Key).Where(IsClientControlled).ToList()) headers.Remove(name);
            if (appId is not null)
            {
                headers.TryAddWithoutValidation("dapr-app-id", appId);
                if (configuration["DAPR_API_TOKEN"] is { Length: > 0 } token) headers.TryAddWithoutValidation("dapr-api-token", token);
            }
            return ValueTask.CompletedTask;
        });
        if (appId is not null) context.AddResponseTransform(ReplaceInvocationFailureAsync);
    }

    private static bool IsClientControlled(string header) =>
        header.StartsWith("X-User-", StringComparison.OrdinalIgnoreCase) || header.StartsWith("dapr-", StringComparison.OrdinalIgnoreCase);

    /// <summary>daprd answers 500 ERR_DIRECT_INVOKE when the target app cannot be reached (docs/dapr-sidecar.md §C.4).</summary>
    private static async ValueTask ReplaceInvocationFailureAsync(ResponseTransformContext context)
    {
        if (context.ProxyResponse is not { StatusCode: System.Net.HttpStatusCode.InternalServerError } response ||
            response.Content.Headers.ContentType?.MediaType != MediaTypeNames.Application.Json)
        {
            return;
        }
        var body = await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        string? message;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("errorCode", out var code) || code.GetString() != "ERR_DIRECT_INVOKE")
            {
                await context.HttpContext.Response.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
                context.SuppressResponseBody = true;
                return;
            }
            message = json.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            await context.HttpContext.Response.WriteAsync(body, context.HttpContext.RequestAborted).ConfigureAwait(false);
            context.SuppressResponseBody = true;
            return;
        }

        var timedOut = message?.Contains("deadline exceeded", StringComparison.OrdinalIgnoreCase) == true;
        var status = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
        context.SuppressResponseBody = true;
        context.HttpContext.Response.Headers.Remove("Content-Length");
        context.HttpContext.Response.StatusCode = status;
        var problems = context.HttpContext.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        await problems!.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = timedOut ? "The service did not answer in time." : "The service is not reachable right now.",
            },
        }).ConfigureAwait(false);
    }
}
