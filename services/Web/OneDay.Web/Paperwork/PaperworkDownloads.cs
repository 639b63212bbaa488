using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts.Payments;
using OneDay.Web.Clients;

namespace OneDay.Web.Paperwork;

/// <summary>
/// The documents a person takes away (the signed contract, a pay slip, the month's filing files), fetched from the API
/// with their own token on the server and handed to the browser as a file, so the browser never holds a token. Each
/// path names only an id; the API decides whether this person may have it.
/// </summary>
public static class PaperworkDownloads
{
    public const string StatementFilesRoute = "/files/statements";

    /// <summary>The two filing files of a month, as the payments API names them.</summary>
    private static readonly string[] StatementFiles = [FilingDeadlineApproaching.DailyWageWithholding, FilingDeadlineApproaching.EmploymentInsurance];

    public static WebApplication MapPaperworkDownloads(this WebApplication app)
    {
        var files = app.MapGroup("/files").RequireAuthorization();
        files.MapGet("/contracts/{applicationId:guid}.pdf", (Guid applicationId, GatewayClient gateway, CancellationToken cancellationToken) =>
            PassOnAsync(gateway, $"jobs/applications/{applicationId}/contract/pdf", cancellationToken));
        files.MapGet("/pay-slips/{paymentId:guid}.pdf", (Guid paymentId, GatewayClient gateway, CancellationToken cancellationToken) =>
            PassOnAsync(gateway, $"payments/{paymentId}/pay-slip/pdf", cancellationToken));
        files.MapGet("/statements/{month}/{file}.csv", (string month, string file, GatewayClient gateway, CancellationToken cancellationToken) =>
            StatementFiles.Contains(file)
                ? PassOnAsync(gateway, $"payments/statements/{Uri.EscapeDataString(month)}/{file}.csv", cancellationToken)
                : Task.FromResult<Results<FileContentHttpResult, ContentHttpResult>>(Refused(StatusCodes.Status404NotFound, "찾는 파일이 없습니다.")));
        return app;
    }

    /// <summary>A download link for one of the month's files.</summary>
    public static string StatementFile(string month, string file) => $"{StatementFilesRoute}/{Uri.EscapeDataString(month)}/{file}.csv";

    private static async Task<Results<FileContentHttpResult, ContentHttpResult>> PassOnAsync(GatewayClient gateway, string path, CancellationToken cancellationToken)
    {
        var answer = await gateway.DownloadAsync(path, cancellationToken);
        return answer.Value is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : Refused((int)answer.Status, answer.Error ?? answer.FieldErrors.Values.SelectMany(m => m).FirstOrDefault() ?? ProblemMessages.ForStatus(answer.Status));
    }

    // A person followed a link: they read a sentence, not a ProblemDetails.
    private static ContentHttpResult Refused(int status, string message) => TypedResults.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
