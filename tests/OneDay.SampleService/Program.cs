using Dapr.Workflow;
using OneDay.Persistence.Database;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["sample"]);
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<SampleDbContext>("sample");
// Redis where a test gives it one, as a service that uses Redis always would.
if (builder.Configuration.GetConnectionString("redis") is not null) builder.AddServiceRedis("redis");
builder.Services.AddDaprWorkflow(options =>
{
    options.RegisterWorkflow<WelcomeCallWorkflow>();
    options.RegisterActivity<WelcomeCallActivity>();
});
builder.Services.AddSingleton<WorkflowStarter>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAccounts();
app.Run();

public partial class Program;
