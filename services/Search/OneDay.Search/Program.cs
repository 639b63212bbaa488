using Microsoft.EntityFrameworkCore;
using OneDay.Persistence.Database;
using OneDay.Search.Data;
using OneDay.Search.Indexing;
using OneDay.Search.PopularKeywords;
using OneDay.Search.Searching;
using OneDay.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<SearchDbContext>("search", npgsql => npgsql.UseNetTopologySuite());
builder.AddServiceRedis("redis");
builder.Services.AddScoped<JobSearch>();
builder.Services.AddSingleton<PopularKeywordCounter>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapSearch();
app.MapJobIndexing();
app.Run();

public partial class Program;
