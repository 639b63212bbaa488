using OneDay.Config.Tests.Validation;

namespace OneDay.Config.Tests;

public class DaprComponentCatalogTests
{
    [Theory]
    [InlineData("pubsub.redis", "v1")]
    [InlineData("pubsub.rabbitmq", "v1")]
    [InlineData("pubsub.in-memory", "v1")]
    [InlineData("state.redis", "v1")]
    [InlineData("state.postgresql", "v1")]
    [InlineData("state.postgresql", "v2")]
    [InlineData("secretstores.local.file", "v1")]
    [InlineData("secretstores.kubernetes", "v1")]
    [InlineData("bindings.localstorage", "v1")]
    [InlineData("bindings.smtp", "v1")]
    [InlineData("bindings.twilio.sms", "v1")]
    [InlineData("bindings.http", "v1")]
    [InlineData("middleware.http.ratelimit", "v1")]
    public void The_catalogue_knows_every_type_oneday_uses_or_operators_swap_in(string type, string version)
    {
        Assert.NotNull(DaprComponentCatalog.Find(type, version));
    }
}
