using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;
using OneDay.Payments.Fees;
using OneDay.Testing;

namespace OneDay.Web.Tests;

[Collection(WebMoneyCollection.Name)]
public sealed class EmployerAndMoneyPagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);
    private const string ApprovedCard = "4242 4242 4242 4242";
    private const string ResidentNumber = "900101-1234568";

    [Fact]
    public async Task The_day_at_the_pages_from_sign_up_to_the_wage_in_the_workers_wallet_and_out_again()
    {
        await using var employer = await WebUser.SignsUpAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignsUpAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740, position: Journey.Gangnam);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var title = $"물류 상하차 {suffix}";
        const long dailyWage = 200_000;
        // The form takes whole minutes; the work starts at the first one 45 s away, time enough to find, apply and accept.
        var soonest = DateTimeOffset.UtcNow.ToOffset(Korea).AddSeconds(45);
        var startsAt = new DateTimeOffset(soonest.Year, soonest.Month, soonest.Day, soonest.Hour, soonest.Minute, 0, Korea).AddMinutes(1);

        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "공고 올리기" }).ClickAsync();
        await employer.Page.GetByLabel("제목").FillAsync(title);
        await employer.Page.GetByLabel("업종").SelectOptionAsync("물류/상하차");
        await employer.Page.GetByLabel("하는 일").FillAsync("강남역 물류센터 상하차, 안전화 지참");
        await employer.Page.GetByLabel("급여 (원)").FillAsync(dailyWage.ToString(CultureInfo.InvariantCulture));
        await employer.Page.GetByLabel("급여 기준").SelectOptionAsync("Daily");
        await employer.Page.GetByLabel("근무일").FillAsync(startsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await employer.Page.GetByLabel("시작").FillAsync(startsAt.ToString("HH:mm", CultureInfo.InvariantCulture));
        await employer.Page.GetByLabel("끝").FillAsync(startsAt.AddHours(8).ToString("HH:mm", CultureInfo.InvariantCulture));
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "공고 올리기" }).ClickAsync();
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var jobId = Guid.Parse(new Uri(employer.Page.Url).Segments[^1]);
        await Assertions.Expect(employer.Page.GetByText("아직 지원자가 없습니다.")).ToBeVisibleAsync();
        await Assertions.Expect(employer.Page.Locator("[data-live-updates]")).ToBeAttachedAsync();

        // Search learns of the job from its job-created event; the worker searches once it has.
        await Eventually.TrueAsync(async () =>
            (await worker.Api.GetAsync($"/search/jobs?q={Uri.EscapeDataString($"물류 {suffix}")}&lat={Journey.Gangnam.Latitude}&lng={Journey.Gangnam.Longitude}"))
                .GetProperty("items").EnumerateArray().Any(hit => hit.GetProperty("title").GetString() == title),
            TimeSpan.FromSeconds(30), "the posted job among search's hits", TimeSpan.FromMilliseconds(100));
        // Logging in lands on the job search. Following its link from there would fetch the same page again, and
        // that copy, arriving after the typing, would put back the empty place field the server rendered.
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Heading, new() { Name = "일자리 찾기" })).ToBeVisibleAsync();
        await worker.Page.GetByRole(AriaRole.Combobox, new() { Name = "검색어" }).FillAsync($"물류 {suffix}");
        // Enter in the place field sends the form, as a person does; a click could land on suggestions still appearing.
        await worker.Page.GetByLabel("장소 (역이나 동네 이름)").FillAsync("강남");
        await worker.Page.GetByLabel("장소 (역이나 동네 이름)").PressAsync("Enter");
        var hit = worker.Page.GetByRole(AriaRole.List, new() { Name = "검색 결과" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });
        await Assertions.Expect(hit.Locator("[data-field=distance]")).ToHaveTextAsync(new Regex("^강남역에서 \\d+m$"));
        await hit.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "지원하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("지원했습니다");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "지원하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("#apply-error")).ToHaveTextAsync("이미 지원한 공고입니다.");

        // The employer's page, open since the job was posted, shows the application without being reloaded.
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("검토 대기", new() { Timeout = 30_000 });
        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지원" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-live-updates]")).ToBeAttachedAsync();
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "수락" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("확정");
        // And the worker's list, open meanwhile, turns to 확정 by itself.
        await Assertions.Expect(worker.Page.Locator(".status")).ToHaveTextAsync("확정", new() { Timeout = 30_000 });

        // Both read and sign the labour contract drawn at the match, each on their own screen.
        foreach (var (party, status) in new[] { (worker, "사업주 서명 대기 · 근로자 서명 완료"), (employer, "양측 서명 완료") })
        {
            await party.Page.GetByRole(AriaRole.Checkbox, new() { Name = "위 근로계약서의 내용을 모두 읽고" }).CheckAsync();
            await party.Page.GetByRole(AriaRole.Button, new() { Name = "계약서에 서명" }).ClickAsync();
            await Assertions.Expect(party.Page.Locator("[data-field=contract-status]")).ToHaveTextAsync(status);
        }

        await Journey.WaitUntilStartedAsync(await employer.Api.GetAsync($"/jobs/{jobId}"));
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "근무 완료 처리" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator(".status")).ToHaveTextAsync("근무 완료");

        var expected = PayCalculator.Calculate(WageBasis.Daily(dailyWage), new PlatformFeeOptions().BasisPoints);
        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "급여 결제" }).ClickAsync();
        // The card form follows payments' order, which the page asks for first.
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Form, new() { Name = "카드 결제" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await employer.CheckScreenAsync("pay");
        await PayByCardAsync(employer, ApprovedCard);
        await Assertions.Expect(employer.Page.Locator("[data-field=payment-status]")).ToHaveTextAsync("결제 완료", new() { Timeout = 30_000 });
        await Assertions.Expect(employer.Page.Locator("[data-field=amount]")).ToHaveTextAsync(Won(expected.EmployerChargeKrw));
        await Assertions.Expect(employer.Page.Locator("[data-field=net]")).ToHaveTextAsync(Won(expected.NetToWorkerKrw));
        await employer.CheckScreenAsync("payment");
        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "결제 내역", Exact = true }).ClickAsync();
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.List, new() { Name = "결제 목록" })).ToContainTextAsync(Won(expected.EmployerChargeKrw));
        await employer.CheckScreenAsync("payment-history");

        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지갑" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=available]")).ToHaveTextAsync(Won(expected.NetToWorkerKrw), new() { Timeout = 30_000 });
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.List, new() { Name = "지갑 내역" })).ToContainTextAsync($"+{Won(expected.NetToWorkerKrw)}");

        await worker.WithdrawAsync(50_000);
        await Assertions.Expect(worker.Page.Locator("#withdraw-error")).ToHaveTextAsync("출금 계좌를 먼저 등록해 주세요.");
        await worker.Api.PutAsync("/users/profile", new
        {
            displayName = "웹알바", phoneNumber = "010-2468-1357",
            payoutAccount = new { bankName = "신한은행", accountNumber = "110-432-987654", accountHolder = "웹알바" },
            currentPassword = WebUser.Password,
        });
        await worker.WithdrawAsync(expected.NetToWorkerKrw + 1);
        await Assertions.Expect(worker.Page.Locator("#withdraw-error")).ToHaveTextAsync("출금 가능 금액이 부족합니다.");
        await worker.WithdrawAsync(50_000);
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{Won(50_000)} 출금을 신청했습니다 (신한은행 ********7654).");
        await Assertions.Expect(worker.Page.Locator("[data-field=available]")).ToHaveTextAsync(Won(expected.NetToWorkerKrw - 50_000));
        await worker.CheckScreenAsync("wallet");

        await TheWorkersPaperworkAsync(worker, expected, dailyWage);
        await TheEmployersMonthAsync(employer, expected);
        Assert.True(await Journey.LedgerBalancedAsync(_system));
    }

    /// <summary>
    /// The worker's papers at a phone's width: the pay slip's figures are the API's and its PDF is a PDF of that slip,
    /// the signed contract comes as a PDF with the job's wage, and the number for the filings is refused in Korean
    /// beside its field when wrong and shown only masked once saved.
    /// </summary>
    private static async Task TheWorkersPaperworkAsync(WebUser worker, PayBreakdown expected, long dailyWage)
    {
        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "임금명세서", Exact = true }).ClickAsync();
        await worker.Page.GetByRole(AriaRole.List, new() { Name = "임금명세서 목록" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=net-pay]")).ToHaveTextAsync(Won(expected.NetToWorkerKrw));
        var paymentId = Guid.Parse(new Uri(worker.Page.Url).Segments[^2].TrimEnd('/'));
        var slip = await worker.Api.GetAsync($"/payments/{paymentId}/pay-slip");
        await Assertions.Expect(worker.Page.Locator("[data-field=gross-wage]")).ToHaveTextAsync(Won(slip.GetProperty("grossWageKrw").GetInt64()));
        await Assertions.Expect(worker.Page.Locator("[data-field=income-tax]")).ToHaveTextAsync(Won(slip.GetProperty("incomeTaxKrw").GetInt64()));
        await Assertions.Expect(worker.Page.Locator("[data-field=local-income-tax]")).ToHaveTextAsync(Won(slip.GetProperty("localIncomeTaxKrw").GetInt64()));
        await worker.CheckScreenAsync("pay-slip");
        var slipPdf = await DownloadAsync(worker.Page, worker.Page.GetByRole(AriaRole.Link, new() { Name = "PDF로 내려받기" }));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(slipPdf, 0, 4), StringComparison.Ordinal);
        var slipText = PdfText.Of(slipPdf);
        Assert.Contains("임금명세서", slipText, StringComparison.Ordinal);
        Assert.Contains(Won(expected.NetToWorkerKrw), slipText, StringComparison.Ordinal);

        await worker.Page.GetByRole(AriaRole.Link, new() { Name = "내 지원" }).ClickAsync();
        await worker.Page.Locator("details.contract > summary").ClickAsync();
        var contractPdf = await DownloadAsync(worker.Page, worker.Page.GetByRole(AriaRole.Link, new() { Name = "서명한 계약서 PDF 내려받기" }));
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(contractPdf, 0, 4), StringComparison.Ordinal);
        var contractText = PdfText.Of(contractPdf);
        Assert.Contains("근로계약서", contractText, StringComparison.Ordinal);
        Assert.Contains(dailyWage.ToString("N0", CultureInfo.GetCultureInfo("ko-KR")), contractText, StringComparison.Ordinal);

        await worker.Page.GotoAsync("/payments/tax-identity");
        await worker.Page.GetByLabel("성명 (신분증의 이름)").FillAsync("김하루");
        await worker.Page.GetByLabel("주민등록번호", new() { Exact = true }).FillAsync("900101-1234567");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "등록" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("#residentNumber-error")).ToHaveTextAsync("주민등록번호가 올바르지 않습니다. 다시 확인해 주세요.");
        await worker.CheckScreenAsync("tax-identity-refused");
        await worker.Page.GetByLabel("주민등록번호", new() { Exact = true }).FillAsync(ResidentNumber);
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "등록" }).ClickAsync();
        await Assertions.Expect(worker.Page.Locator("[data-field=resident-number]")).ToHaveTextAsync("900101-1******");
        Assert.DoesNotContain("1234568", await worker.Page.ContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>The employer's month: the totals are the day's pay and tax, the worker's number masked, and the two files carry it whole.</summary>
    private static async Task TheEmployersMonthAsync(WebUser employer, PayBreakdown expected)
    {
        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "신고 자료" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("[data-field=gross-pay]")).ToHaveTextAsync(Won(expected.GrossWageKrw));
        await Assertions.Expect(employer.Page.Locator("[data-field=income-tax]")).ToHaveTextAsync(Won(expected.IncomeTaxKrw));
        await Assertions.Expect(employer.Page.Locator("[data-field=local-income-tax]")).ToHaveTextAsync(Won(expected.LocalIncomeTaxKrw));
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.List, new() { Name = "지급명세서 근로자" })).ToContainTextAsync("김하루 900101-1******");
        await employer.CheckScreenAsync("employer-statements");
        foreach (var file in new[] { "지급명세서 CSV 내려받기", "근로내용확인신고 CSV 내려받기" })
        {
            var csv = Encoding.UTF8.GetString(await DownloadAsync(employer.Page, employer.Page.GetByRole(AriaRole.Link, new() { Name = file })));
            Assert.Contains($"김하루,{ResidentNumber.Replace("-", "", StringComparison.Ordinal)}", csv, StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    [Fact]
    public async Task A_declined_card_is_told_in_Korean_the_next_card_pays_and_another_employer_reaches_neither_the_payment_nor_the_applicants()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer");
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker");
        await using var stranger = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer", width: 360, height: 740);
        var (job, applicationId) = await Journey.MatchAsync(employer.Api, worker.Api, TimeSpan.FromSeconds(15));
        var jobId = job.GetProperty("id").GetGuid();
        await Journey.SignContractAsync(employer.Api, worker.Api, applicationId);
        await Journey.WaitUntilStartedAsync(job);
        await employer.Api.PostAsync($"/jobs/applications/{applicationId}/complete", new { minutesWorked = 480 }, HttpStatusCode.OK);

        await employer.Page.GotoAsync($"/applications/{applicationId}/pay");
        await PayByCardAsync(employer, "4242 4242 4242 4241");
        await Assertions.Expect(employer.Page.Locator("#cardNumber-error")).ToHaveTextAsync("카드 번호를 확인해 주세요.");
        await PayByCardAsync(employer, "4000 0000 0000 0002");
        await Assertions.Expect(employer.Page.Locator("[data-field=payment-status]")).ToHaveTextAsync("결제 실패", new() { Timeout = 30_000 });
        await Assertions.Expect(employer.Page.Locator("#payment-error")).ToHaveTextAsync("카드사에서 결제를 거절했습니다.");
        await employer.CheckScreenAsync("payment-declined");
        var declined = employer.Page.Url;

        await stranger.Page.GotoAsync(declined);
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("결제를 찾을 수 없습니다.");
        await stranger.Page.GotoAsync($"/applications/{applicationId}/pay");
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("지원이 없습니다.");
        await Assertions.Expect(stranger.Page.GetByLabel("카드 번호")).ToHaveCountAsync(0);
        await stranger.Page.GotoAsync($"/jobs/{jobId}");
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = job.GetProperty("title").GetString() })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Heading, new() { Name = "지원자" })).ToHaveCountAsync(0);
        await stranger.Page.GotoAsync($"/jobs/{jobId}/edit");
        await Assertions.Expect(stranger.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("본인이 올린 공고만 수정할 수 있습니다.");

        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "다른 카드로 다시 결제" }).ClickAsync();
        await Assertions.Expect(employer.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("카드사에서 결제를 거절했습니다.");
        await employer.CheckScreenAsync("pay-again");
        await PayByCardAsync(employer, ApprovedCard);
        await Assertions.Expect(employer.Page.Locator("[data-field=payment-status]")).ToHaveTextAsync("결제 완료", new() { Timeout = 30_000 });
        Assert.NotEqual(declined, employer.Page.Url);
    }

    [Fact]
    public async Task An_employer_edits_and_closes_a_job_from_their_list_and_a_worker_waitlisted_on_the_full_job_gets_the_added_place()
    {
        await using var employer = await WebUser.SignedInAsync(_chromium.Browser, _system, "Employer", width: 360, height: 740);
        await using var worker = await WebUser.SignedInAsync(_chromium.Browser, _system, "Worker", width: 360, height: 740);
        await using var first = await OneDayClient.SignUpAsync(_system, "Worker", "먼저온알바");
        var title = $"물류 분류 {Guid.NewGuid().ToString("N")[..6]}";
        var full = await Journey.PostJobAsync(employer.Api, title, 150_000, TimeSpan.FromHours(3), headcount: 1, matchingMode: "Instant");
        var fullId = full.GetProperty("id").GetGuid();
        await Journey.ApplyAsync(first, fullId);

        await worker.Page.GotoAsync($"/jobs/{fullId}");
        await worker.Page.GetByRole(AriaRole.Button, new() { Name = "지원하기" }).ClickAsync();
        await Assertions.Expect(worker.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("대기자로 등록했습니다");

        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "내 공고" }).ClickAsync();
        var listed = employer.Page.GetByRole(AriaRole.List, new() { Name = "내 공고 목록" }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = title });
        await Assertions.Expect(listed.Locator(".status")).ToHaveTextAsync("모집 완료");
        await listed.GetByRole(AriaRole.Link, new() { Name = "수정" }).ClickAsync();
        var workDate = employer.Page.GetByLabel("근무일");
        var planned = await workDate.InputValueAsync();
        await workDate.FillAsync(DateTimeOffset.UtcNow.ToOffset(Korea).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "수정 저장" }).ClickAsync();
        await Assertions.Expect(employer.Page.Locator("#workDate-error")).ToHaveTextAsync("근무일은 오늘 이후여야 합니다.");
        await employer.CheckScreenAsync("edit-job");
        await employer.Page.GetByLabel("근무일").FillAsync(planned);
        await employer.Page.GetByLabel("모집 인원").FillAsync("2");
        await employer.Page.GetByRole(AriaRole.Button, new() { Name = "수정 저장" }).ClickAsync();
        // The added place goes to the waitlisted worker at once (Instant mode).
        await Assertions.Expect(employer.Page.GetByText("모집 2명 중 2명 확정")).ToBeVisibleAsync();
        await worker.Page.GotoAsync("/applications");
        await Assertions.Expect(worker.Page.Locator(".status")).ToHaveTextAsync("확정");

        await employer.Page.GetByRole(AriaRole.Link, new() { Name = "내 공고", Exact = true }).First.ClickAsync();
        await listed.GetByRole(AriaRole.Button, new() { Name = "모집 마감" }).ClickAsync();
        await Assertions.Expect(listed.Locator(".status")).ToHaveTextAsync("마감");
        await Assertions.Expect(listed.GetByRole(AriaRole.Button, new() { Name = "공고 철회" })).ToHaveCountAsync(0);
        await employer.CheckScreenAsync("my-jobs");
        Assert.Equal("Closed", (await employer.Api.GetAsync($"/jobs/{fullId}")).GetProperty("status").GetString());
    }

    /// <summary>Fills in the card form (a valid expiry and CVC) and pays.</summary>
    private static async Task PayByCardAsync(WebUser employer, string cardNumber)
    {
        var form = employer.Page.GetByRole(AriaRole.Form, new() { Name = "카드 결제" });
        await form.GetByLabel("카드 번호").FillAsync(cardNumber);
        await form.GetByLabel("유효기간 (MM/YY)").FillAsync($"12/{(DateTime.UtcNow.Year + 3) % 100:00}");
        await form.GetByLabel("CVC").FillAsync("123");
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new("결제하기$") }).ClickAsync();
    }

    private static string Won(long krw) => krw.ToString("N0", CultureInfo.GetCultureInfo("ko-KR")) + "원";
}
