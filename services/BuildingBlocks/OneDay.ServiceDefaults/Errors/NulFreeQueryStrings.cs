using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OneDay.ServiceDefaults.Errors;

/// <summary>
/// PostgreSQL text cannot hold a NUL character, so `?q=%00` would fail deep in a query as a server error (or,
/// at the gateway, as a bad gateway). Refused at the door it is the client's 400 (JSON bodies: NulFreeStringConverter).
/// </summary>
public static class NulFreeQueryStrings
{
    public static IApplicationBuilder UseNulFreeQueryStrings(this IApplicationBuilder app) => app.Use((context, next) =>
        context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            ? throw new BadHttpRequestException("The query string may not contain the NUL character (%00).")
            : next(context));
}
