using Microsoft.EntityFrameworkCore;
using OneDay.Persistence.Database;
using OneDay.Search.Clients;
using OneDay.Search.Data;
using OneDay.Search.IntegrationEvents;
using OneDay.Search.PopularKeywords;
using OneDay.Search.Reindexing;
using OneDay.Search.Searching;
using OneDay.Search.Suggestions;
using OneDay.ServiceDefaults;
using OneDay.ServiceDefaults.Configuration;
using OneDay.ServiceDefaults.Dapr;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(secrets: ["search"]);
builder.AddServiceDatabase<SearchDbContext>("search", npgsql => npgsql.UseNetTopologySuite());
builder.AddServiceRedis("redis");
builder.Services.AddValidatedOptions<SearchOptions>(SearchOptions.Section);
builder.Services.AddSingleton<SearchConnections>();
builder.Services.AddSingleton<JobSearch>();
builder.Services.AddValidatedOptions<PopularKeywordOptions>(PopularKeywordOptions.Section);
builder.Services.AddSingleton<PopularKeywordCounter>();
builder.Services.AddHostedService(services => services.GetRequiredService<PopularKeywordCounter>());
builder.Services.AddSingleton<SearchedQueries>();
builder.Services.AddHostedService(services => services.GetRequiredService<SearchedQueries>());
builder.Services.AddSingleton<Reindexer>();
builder.Services.AddServiceInvocationClient<JobsSnapshots, JobsSnapshots>("jobs");

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSearch();
app.MapSubscriptions();
app.Run();

public partial class Program;
