using Microsoft.Playwright;
using OneDay.EndToEnd.Tests.Infrastructure;

namespace OneDay.Web.Tests;

[Collection(WebMoneyCollection.Name)]
public sealed class AccountPagesTests(Shared<WebSystem> sharedSystem, Shared<Chromium> sharedBrowser)
{
    private readonly WebSystem _system = sharedSystem.Instance;
    private readonly Chromium _chromium = sharedBrowser.Instance;

    [Fact]
    public async Task A_worker_signs_up_verifies_the_e_mailed_code_logs_in_holding_only_an_HttpOnly_session_cookie_and_logs_out()
    {
        await using var person = await WebUser.VisitorAsync(_chromium.Browser, _system);
        var page = person.Page;
        var id = Guid.NewGuid().ToString("N")[..8];
        var name = $"웹가입{id}";
        var email = $"web-{id}@oneday.test";

        await person.RegisterAsync("Worker", email, WebUser.Password, name);
        await person.CheckScreenAsync("register");
        await person.VerifyAsync(await WebUser.VerificationCodeAsync(_system, name));
        await person.CheckScreenAsync("verify-email");

        await person.LogInAsync(email, WebUser.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "내 지원" })).ToBeVisibleAsync();
        await person.CheckScreenAsync("home");
        var session = Assert.Single(await person.Context.CookiesAsync(), cookie => cookie.Name == "oneday.session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        var readable = await page.EvaluateAsync<string>(
            "() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.documentElement.outerHTML].join('\\n')");
        Assert.DoesNotContain("oneday.session", readable);
        // A JWT starts with the base64 of '{"': no access token anywhere script can read.
        Assert.DoesNotContain("eyJ", readable);

        await page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "로그인" })).ToBeVisibleAsync();
        await person.CheckScreenAsync("home-signed-out");
        Assert.DoesNotContain(await person.Context.CookiesAsync(), cookie => cookie.Name == "oneday.session");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Korean_beside_the_form_in_the_same_words_as_an_unknown_address()
    {
        const string refusal = "이메일 또는 비밀번호가 올바르지 않습니다.";
        await using var account = await OneDayClient.SignUpAsync(_system, "Worker", "웹비밀번호");
        await using var person = await WebUser.VisitorAsync(_chromium.Browser, _system);

        await person.LogInAsync(account.Email, "틀린-비밀번호-123");
        await Assertions.Expect(person.Page.Locator("#login-error")).ToHaveTextAsync(refusal);
        await person.CheckScreenAsync("login");

        // Nobody may learn from the answer whether an address has an account.
        await person.LogInAsync($"nobody-{Guid.NewGuid():N}@oneday.test", "틀린-비밀번호-123");
        await Assertions.Expect(person.Page.Locator("#login-error")).ToHaveTextAsync(refusal);
        Assert.DoesNotContain(await person.Context.CookiesAsync(), cookie => cookie.Name == "oneday.session");

        // The pages a person who forgot the password reaches, held to the same accessibility check.
        await person.Page.GetByRole(AriaRole.Link, new() { Name = "비밀번호를 잊으셨나요?" }).ClickAsync();
        await person.CheckScreenAsync("forgot-password");
        await person.Page.GotoAsync("/reset-password?token=unknown");
        await person.CheckScreenAsync("reset-password");
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_log_in_and_brought_back_to_the_page_they_opened()
    {
        await using var account = await OneDayClient.SignUpAsync(_system, "Worker", "웹돌아가기");
        await using var person = await WebUser.VisitorAsync(_chromium.Browser, _system);

        await person.Page.GotoAsync("/applications");
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "로그인" })).ToBeVisibleAsync();
        await person.Page.GetByLabel("이메일").FillAsync(account.Email);
        await person.Page.GetByLabel("비밀번호").FillAsync(OneDayClient.Password);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();

        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "내 지원 현황" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_bad_phone_number_is_explained_in_Korean_beside_its_field_on_a_360_px_screen()
    {
        await using var person = await WebUser.VisitorAsync(_chromium.Browser, _system, width: 360, height: 740);
        await person.Page.GotoAsync("/register");

        await person.Page.GetByLabel("이메일").FillAsync($"phone-{Guid.NewGuid():N}@oneday.test");
        await person.Page.GetByLabel("비밀번호").FillAsync("하루-일당-충분히-긴-비밀번호");
        await person.Page.GetByLabel("이름").FillAsync("웹전화번호");
        await person.Page.GetByLabel("휴대전화").FillAsync("12345");
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "가입하기" }).ClickAsync();

        await Assertions.Expect(person.Page.Locator("#phoneNumber-error")).ToContainTextAsync("휴대전화 번호 형식");
        await person.CheckScreenAsync("register-error");
        Assert.True(await person.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the sign-up page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var http = new HttpClient { BaseAddress = _system.App("web").BaseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "someone@oneday.test", ["Input.Password"] = "whatever-password",
        });

        using var response = await http.PostAsync("/login", form);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
