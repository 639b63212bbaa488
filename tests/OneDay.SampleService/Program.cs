using OneDay.Persistence.Database;
using OneDay.SampleService.Accounts;
using OneDay.SampleService.Data;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: [ServiceDefaultsExtensions.SharedSecret, "sample"]);
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<SampleDbContext>("sample");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAccounts();
app.Run();

public partial class Program;
