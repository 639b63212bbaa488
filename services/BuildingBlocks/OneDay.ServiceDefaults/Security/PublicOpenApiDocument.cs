using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OneDay.ServiceDefaults.Security;

/// <summary>
/// The OpenAPI document is public (the gateway shows it at /docs): it describes only what a client can call
/// through the gateway. `/internal/**` routes are for Dapr callers and stay out of it, and the server is the
/// origin that serves the document, so "try it" calls go through the gateway, never to a service's own port.
/// </summary>
internal sealed class PublicOpenApiDocument : IOpenApiDocumentTransformer
{
    private const string InternalPrefix = "/internal/";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var path in document.Paths.Keys.Where(p => p.StartsWith(InternalPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
            document.Paths.Remove(path);
        document.Servers = [new OpenApiServer { Url = "/" }];
        return Task.CompletedTask;
    }
}
