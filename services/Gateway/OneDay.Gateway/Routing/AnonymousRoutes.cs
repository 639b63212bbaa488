namespace OneDay.Gateway.Routing;

/// <summary>
/// The only routes a caller without a token may use; everything else needs a valid access token here
/// (and again at the service). Listed explicitly so a new route is protected until someone decides otherwise.
/// </summary>
public static class AnonymousRoutes
{
    public static IReadOnlyList<(string Path, string[] Methods)> All { get; } =
    [
        ("/users/register", ["POST"]),
        ("/users/login", ["POST"]),
        ("/users/refresh", ["POST"]),
        ("/users/verify-email", ["POST"]),
        ("/users/verify-email/request", ["POST"]),
        ("/users/reset-password", ["POST"]),
        ("/users/reset-password/request", ["POST"]),
        ("/jobs", ["GET"]),
        ("/jobs/categories", ["GET"]),
        ("/jobs/{id:guid}", ["GET"]),
        ("/search/{**rest}", ["GET"]),
    ];

    /// <summary>Routes where guessing and abuse cost most: login, registration, password reset.</summary>
    public static IReadOnlyList<string> Credentials { get; } =
        ["/users/login", "/users/register", "/users/refresh", "/users/reset-password", "/users/reset-password/request", "/users/verify-email/request"];
}
