using Dapr.Workflow;
using OneDay.Contracts;
using OneDay.Documents;
using OneDay.Jobs.Accounts;
using OneDay.Jobs.Applications;
using OneDay.Jobs.Attendance;
using OneDay.Jobs.Categories;
using OneDay.Jobs.Clients;
using OneDay.Jobs.Data;
using OneDay.Jobs.IntegrationEvents;
using OneDay.Jobs.JobPostings;
using OneDay.Jobs.LabourContracts;
using OneDay.Jobs.Operations;
using OneDay.Jobs.Ratings;
using OneDay.Jobs.Reliability;
using OneDay.Jobs.Workflows;
using OneDay.Persistence.Database;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Dapr;
using OneDay.ServiceDefaults.Workflows;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["jobs"]);
builder.Services.AddValidation();
builder.AddServiceDatabase<JobsDbContext>("jobs");
builder.AddPaperDocuments();

builder.Services.AddValidatedOptions<MinimumWageOptions>(MinimumWageOptions.Section);
builder.Services.AddValidatedOptions<JobApplicationWorkflowOptions>(JobApplicationWorkflowOptions.Section);
builder.Services.AddValidatedOptions<AttendanceOptions>(AttendanceOptions.Section)
    .Validate(o => CheckInCodes.IsKey(o.SigningKey), "Attendance:SigningKey must be base64 of at least 32 bytes (jobs' secret in the secret store)");
builder.Services.AddSingleton<CheckInCodes>();
builder.Services.AddSingleton<Workplace>();
builder.Services.AddValidatedOptions<ReliabilityOptions>(ReliabilityOptions.Section);
builder.Services.AddValidatedOptions<EmployerCancellationOptions>(EmployerCancellationOptions.Section);
builder.Services.AddValidatedOptions<WaitlistOptions>(WaitlistOptions.Section);
builder.Services.AddScoped<WorkerReliability>();
builder.Services.AddScoped<ApplicationLifecycle>();
builder.Services.AddScoped<ApplicationNotice>();
builder.Services.AddScoped<JobWithdrawal>();
builder.Services.AddScoped<DepartedUsers>();
builder.Services.AddScoped<AccountNames>();
builder.Services.AddScoped<LabourContractRegister>();
builder.Services.AddServiceInvocationClient<IUserEligibility, UserEligibilityClient>("users");
builder.Services.AddServiceInvocationClient<INotificationSender, NotificationSenderClient>("notifications");
// The contracts' JSON (enums by name) for inputs, results, events and the custom status GET /jobs/applications/{id} shows.
builder.Services.AddDaprWorkflow(options =>
{
    options.RegisterWorkflow<JobApplicationWorkflow>();
    options.RegisterActivity<ConfirmEligibilityActivity>();
    options.RegisterActivity<NotifyEmployerActivity>();
    options.RegisterActivity<RemindEmployerActivity>();
    options.RegisterActivity<SubmitApplicationActivity>();
    options.RegisterActivity<CompensateApplicationActivity>();
    options.RegisterActivity<MarkNoShowActivity>();
    options.RegisterActivity<CompleteFromAttendanceActivity>();
    options.RegisterActivity<ContractSignedActivity>();
    options.RegisterActivity<AskWorkerToConfirmActivity>();
    options.RegisterActivity<TellEmployerUnconfirmedActivity>();
    options.RegisterActivity<RemindWorkerActivity>();
    options.RegisterActivity<OfferPlaceOnwardActivity>();
}).WithJsonSerializer(ContractJson.Options);
builder.Services.AddSingleton<WorkflowStarter>();
builder.Services.AddSingleton<JobApplicationWorkflows>();
builder.AddWorkflowOperations();

var app = builder.Build();
app.Lifetime.ApplicationStarted.Register(ApplicationMetrics.Declare);
app.MapDefaultEndpoints();
app.MapCategories();
app.MapJobs();
app.MapApplications();
app.MapAttendance();
app.MapLabourContracts();
app.MapRatings();
app.MapWorkerMarks();
app.MapApplicationWorkflowOperations();
app.MapInternalJobs();
app.MapSubscriptions();
app.Run();

public partial class Program;
