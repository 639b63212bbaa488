using Microsoft.AspNetCore.Http.HttpResults;

namespace OneDay.Users.Accounts;

/// <summary>The refusals several features share, worded once (Korean: a person reads them).</summary>
public static class UserProblems
{
    public static ProblemHttpResult AccountNotFound() =>
        TypedResults.Problem(title: "계정을 찾을 수 없습니다.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>Unknown, used and expired one-time links get one answer: which it was helps nobody but a guesser.</summary>
    public static ProblemHttpResult InvalidLink() =>
        TypedResults.Problem(title: "링크가 유효하지 않거나 만료되었습니다. 새 링크를 요청해 주세요.", statusCode: StatusCodes.Status400BadRequest);

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);
}
