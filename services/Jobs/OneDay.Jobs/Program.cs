using OneDay.Contracts;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Categories;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;
using OneDay.Jobs.IntegrationEvents;
using OneDay.Jobs.Jobs;
using OneDay.Jobs.Saga;
using OneDay.Persistence.Database;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Dapr;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["jobs"]);
builder.Services.AddValidation(); // here, not in ServiceDefaults: the validation source generator sees only this project's calls
builder.AddServiceDatabase<JobsDbContext>("jobs");

builder.Services.AddOptions<MinimumWageOptions>().BindConfiguration(MinimumWageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<JobApplicationSagaOptions>().BindConfiguration(JobApplicationSagaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddScoped<ApplicationLifecycle>();
builder.Services.AddScoped<JobWithdrawal>();
builder.Services.AddScoped<DepartedUsers>();
builder.Services.AddScoped<JobApplicationProcess>();
builder.Services.AddServiceInvocationClient<IUserEligibility, UserEligibilityClient>("users");
builder.Services.AddServiceInvocationClient<INotificationSender, NotificationSenderClient>("notifications");
builder.Services.AddActors(options =>
{
    options.Actors.RegisterActor<JobApplicationSaga>();
    // JSON remoting (not DataContract) so the saga's record state crosses the proxy as it is stored.
    options.UseJsonSerialization = true;
    options.JsonSerializerOptions = ContractJson.Options;
});
builder.Services.AddHostedService<PendingSagaRecovery>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapActorsHandlers();
app.MapCategories();
app.MapJobs();
app.MapApplications();
app.MapInternalJobs();
app.MapSubscriptions();
app.Run();

public partial class Program;
