using Microsoft.AspNetCore.Http.HttpResults;

namespace OneDay.Users.Accounts;

/// <summary>The refusals several features share, worded once (Korean: a person reads them).</summary>
public static class UserProblems
{
    public static ProblemHttpResult AccountNotFound() =>
        TypedResults.Problem(title: "계정을 찾을 수 없습니다.", statusCode: StatusCodes.Status404NotFound);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
