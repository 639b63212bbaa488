using OneDay.Persistence.Database;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["sample"]);
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<SampleDbContext>("sample");
// Redis where a test gives it one, as a service that uses Redis always would.
if (builder.Configuration.GetConnectionString("redis") is not null) builder.AddServiceRedis("redis");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAccounts();
app.Run();

public partial class Program;
