using OneDay.Config.Tests.Template;

namespace OneDay.Config.Tests;

/// <summary>Each rule of the service template, on a small service written here: it finds the offence it is for, and
/// passes the same service written in the template.</summary>
public class ServiceTemplateRuleTests
{
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();
        """;

    [Fact]
    public void A_service_in_the_template_breaks_no_rule()
    {
        var service = Service(
            ("Program.cs", Program + "\nbuilder.Services.AddServiceInvocationClient<IUserEligibility, UserEligibilityClient>(\"users\");\nbuilder.AddServiceDatabase<ShopDbContext>(\"shop\");"),
            ("Orders/OrdersApi.cs", "namespace OneDay.Shop.Orders;\n/// Unlike RefundsApi, this one… (a comment names no dependency)\npublic static class OrdersApi { }"),
            ("Refunds/RefundsApi.cs", "namespace OneDay.Shop.Refunds;\npublic static class RefundsApi { }"),
            ("IntegrationEvents/Subscriptions.cs", "namespace OneDay.Shop.IntegrationEvents;\napp.MapIntegrationEventHandler<JobMatched, ShopDbContext>(OpenAsync);"),
            ("Clients/IUserEligibility.cs", "public interface IUserEligibility { }"),
            ("Clients/UserEligibilityClient.cs", "public sealed class UserEligibilityClient(HttpClient users) : IUserEligibility { }"),
            ("Data/ShopDbContext.cs", "namespace OneDay.Shop.Data;\npublic sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options) { }"),
            ("Data/Migrations/20260101000000_Initial.cs", "migrationBuilder.CreateTable(name: \"orders\"); b.Property<Guid>(\"Id\").HasColumnName(\"id\");"));

        Assert.All(ServiceTemplate.Rules, rule => Assert.Empty(rule.OffencesIn(service)));
    }

    [Theory]
    [InlineData("Program.cs is the composition root", "Startup.cs", "public static class Startup { }", "services/Shop/OneDay.Shop/Program.cs: missing")]
    [InlineData("Program.cs is the composition root", "Hosting/Host.cs", "var builder = WebApplication.CreateBuilder(args);",
        "services/Shop/OneDay.Shop/Hosting/Host.cs: builds a WebApplication outside Program.cs")]
    [InlineData("subscriptions live under IntegrationEvents/", "Orders/Subscriptions.cs", "app.MapIntegrationEventHandler<JobMatched, ShopDbContext>(OpenAsync);",
        "services/Shop/OneDay.Shop/Orders/Subscriptions.cs: subscribes (MapIntegrationEventHandler<) outside IntegrationEvents/")]
    [InlineData("subscriptions live under IntegrationEvents/", "Orders/OrdersApi.cs", "group.MapPost(\"/events/paid\", Paid).WithTopic(\"pubsub\", \"payment-completed\");",
        "services/Shop/OneDay.Shop/Orders/OrdersApi.cs: subscribes (.WithTopic() outside IntegrationEvents/")]
    [InlineData("subscriptions live under IntegrationEvents/", "Orders/PaidController.cs", "[Topic(\"pubsub\", \"payment-completed\")] public void Paid() { }",
        "services/Shop/OneDay.Shop/Orders/PaidController.cs: subscribes ([Topic() outside IntegrationEvents/")]
    [InlineData("calls to other services live under Clients/", "Orders/UsersClient.cs",
        "builder.Services.AddServiceInvocationClient<UsersClient, UsersClient>(\"users\"); public sealed class UsersClient(HttpClient users) { }",
        "services/Shop/OneDay.Shop/Orders/UsersClient.cs: UsersClient calls another service from outside Clients/")]
    [InlineData("calls to other services live under Clients/", "Orders/Eligibility.cs", "var users = dapr.CreateInvokableHttpClient(\"users\");",
        "services/Shop/OneDay.Shop/Orders/Eligibility.cs: invokes another service (CreateInvokableHttpClient) outside Clients/")]
    [InlineData("the database lives under Data/, with its migrations", "Orders/OrdersDbContext.cs", "public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options) { }",
        "services/Shop/OneDay.Shop/Orders/OrdersDbContext.cs: a DbContext outside Data/")]
    [InlineData("no API class references another API class", "Orders/OrdersApi.cs", "public static class OrdersApi { static Task F() => RefundsApi.ForAsync(); }",
        "services/Shop/OneDay.Shop/Orders/OrdersApi.cs: uses RefundsApi (Refunds/RefundsApi.cs)")]
    [InlineData("no code but Program.cs references an API class", "IntegrationEvents/Subscriptions.cs", "app.MapIntegrationEventHandler<JobMatched, ShopDbContext>(c => RefundsApi.ForAsync(c.Db));",
        "services/Shop/OneDay.Shop/IntegrationEvents/Subscriptions.cs: uses RefundsApi (Refunds/RefundsApi.cs)")]
    [InlineData("no HasColumnName outside migrations", "Orders/OrderConfiguration.cs", "order.Property(o => o.Id).HasColumnName(\"id\"); order.Property(o => o.Total).HasColumnName(\"total\");",
        "services/Shop/OneDay.Shop/Orders/OrderConfiguration.cs: HasColumnName ×2 (the snake_case convention names columns)")]
    [InlineData("no namespace repeats a segment", "Shop/Order.cs", "namespace OneDay.Shop.Shop;\npublic sealed class Order { }",
        "services/Shop/OneDay.Shop/Shop/Order.cs: namespace OneDay.Shop.Shop")]
    public void Each_rule_names_the_file_that_breaks_it(string rule, string path, string code, string offence)
    {
        var files = new List<(string, string)>
        {
            ("Refunds/RefundsApi.cs", "namespace OneDay.Shop.Refunds;\npublic static class RefundsApi { }"),
            ("Data/ShopDbContext.cs", "public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options) { }"),
            ("Data/Migrations/20260101000000_Initial.cs", "migrationBuilder.CreateTable(name: \"orders\");"),
            (path, code),
        };
        if (path != "Startup.cs") files.Add(("Program.cs", Program));

        Assert.Equal([offence], ServiceTemplate.Rule(rule).OffencesIn(Service([.. files])));
    }

    [Fact]
    public void A_database_without_migrations_is_named()
    {
        var service = Service(("Program.cs", Program + "\nbuilder.AddServiceDatabase<ShopDbContext>(\"shop\");"),
            ("Data/ShopDbContext.cs", "public sealed class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options) { }"));

        Assert.Equal(["services/Shop/OneDay.Shop/Data/Migrations/: missing, though the service has a database"],
            ServiceTemplate.Rule("the database lives under Data/, with its migrations").OffencesIn(service));
    }

    [Fact]
    public void A_building_block_keeps_only_the_rules_for_any_code()
    {
        var block = new SourceProject("services/BuildingBlocks/OneDay.Inbox", IsService: false,
        [
            SourceFile.Of("Handlers.cs", "namespace OneDay.Inbox.Inbox;\nroute.WithTopic(pubsub, topic); e.Property(m => m.Topic).HasColumnName(\"topic\");"),
        ]);

        Assert.Empty(ServiceTemplate.Rule("subscriptions live under IntegrationEvents/").OffencesIn(block));
        Assert.Empty(ServiceTemplate.Rule("Program.cs is the composition root").OffencesIn(block));
        Assert.Single(ServiceTemplate.Rule("no HasColumnName outside migrations").OffencesIn(block));
        Assert.Single(ServiceTemplate.Rule("no namespace repeats a segment").OffencesIn(block));
    }

    private static SourceProject Service(params (string Path, string Code)[] files) =>
        new("services/Shop/OneDay.Shop", IsService: true, [.. files.Select(file => SourceFile.Of(file.Path, file.Code))]);
}
