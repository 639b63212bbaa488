using System.Net;
using System.Text;
using OneDay.Contracts;
using OneDay.Payments.Tests.Infrastructure;
using OneDay.Payments.WagePayments;

namespace OneDay.Payments.Tests;

/// <summary>Bad input gets a 4xx ProblemDetails and changes nothing; no client input causes a 500.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class InputTests(PaymentsFixture fixture) : LedgerCheckedTest(fixture)
{
    [Theory]
    [InlineData("/payments/create", "{\"applicationId\":")]
    [InlineData("/payments/create", "{\"applicationId\":\"not-a-guid\"}")]
    [InlineData("/payments/confirm", "{\"paymentId\":\"0195f1a2-0000-7000-8000-000000000000\",\"paymentKey\":\"\",\"amountKrw\":1000}")]
    [InlineData("/payments/confirm", "{\"paymentId\":\"0195f1a2-0000-7000-8000-000000000000\",\"paymentKey\":\"k\",\"amountKrw\":-5}")]
    [InlineData("/payments/cancel", "[]")]
    public async Task Malformed_or_invalid_bodies_are_refused_with_400(string path, string body)
    {
        using var client = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_history_page_size_out_of_range_is_refused(int limit)
    {
        using var client = Fixture.Client(Guid.CreateVersion7(), UserRole.Employer);

        using var response = await client.GetAsync(new Uri($"/payments/history?limit={limit}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        using var client = Fixture.Service.CreateClient();

        using var wallet = await client.GetAsync(new Uri("/payments/wallet", UriKind.Relative));
        using var create = await PaymentsFixture.PostAsync(client, "/payments/create", new CreatePayment(Guid.CreateVersion7()), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, wallet.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
    }
}
