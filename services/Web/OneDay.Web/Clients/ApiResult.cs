using System.Net;

namespace OneDay.Web.Clients;

/// <summary>
/// What the public API answered: the value, or its ProblemDetails turned into Korean messages per form field
/// (the API's own <c>errors</c>) and one for the whole action.
/// </summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, string? Error, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public bool Succeeded => Error is null && FieldErrors.Count == 0;

    public string? FieldError(string field) =>
        FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
