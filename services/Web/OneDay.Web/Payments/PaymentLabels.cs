using OneDay.Web.Clients;

namespace OneDay.Web.Payments;

/// <summary>How payments' values read in Korean.</summary>
public static class PaymentLabels
{
    public static string Status(string status) => status switch
    {
        "AwaitingPayment" => "결제 대기",
        "Processing" => "결제 처리 중",
        "Completed" => "결제 완료",
        "Failed" => "결제 실패",
        "Cancelled" => "결제 취소",
        "Refunding" => "환불 처리 중",
        "Refunded" => "환불 완료",
        _ => status,
    };

    /// <summary>The PG's and payments' reasons are Korean; an internal one (in English) is not for the employer's eyes.</summary>
    public static string Failure(string? reason) =>
        ProblemMessages.IsKorean(reason) ? reason! : "결제를 완료하지 못했습니다. 다시 시도해 주세요.";

    /// <summary>A payment that will not move again on its own.</summary>
    public static bool IsSettled(string status) => status is not ("AwaitingPayment" or "Processing" or "Refunding");
}
