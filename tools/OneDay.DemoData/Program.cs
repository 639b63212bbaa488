using System.Net.Http.Json;
using System.Text.Json;
using OneDay.DemoData;

// scripts/run.sh --seed runs this once the system is ready:
//   OneDay.DemoData <gateway url> <email outbox folder> [--check]
// --check then proves the system answers as a client expects: a seeded job is found by keyword and radius.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: OneDay.DemoData <gateway url> <email outbox folder> [--check]");
    return 2;
}
var gateway = new Uri(args[0]);
var outbox = args[1];
var check = args.Contains("--check");
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

using var employer = await DemoClient.SignInAsync(gateway, outbox, DemoAccount.Employer, stop.Token);
using var worker = await DemoClient.SignInAsync(gateway, outbox, DemoAccount.Worker, stop.Token);
var posted = await DemoJobs.PostAsync(employer, TimeProvider.System, stop.Token);
Console.WriteLine($"demo data: {DemoAccount.Employer.Email} and {DemoAccount.Worker.Email} (password {DemoAccount.LocalDevelopmentPassword}), {posted} new jobs across Seoul");

if (!check) return 0;
var query = $"/search/jobs?q={Uri.EscapeDataString("물류")}&lat=37.4979&lng=127.0276&radiusKm=3";
for (var attempt = 0; attempt < 50; attempt++)
{
    var found = await worker.Http.GetFromJsonAsync<JsonElement>(query, stop.Token);
    if (found.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("title").GetString()!.Contains("물류", StringComparison.Ordinal)))
    {
        Console.WriteLine("check: the worker finds the demo 물류 job near 강남 through the gateway");
        return 0;
    }
    await Task.Delay(200, stop.Token);
}
Console.Error.WriteLine($"check: GET {query} never found the demo job");
return 1;
