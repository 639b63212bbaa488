using System.Text;

namespace OneDay.DaprEmulator.Tests.Infrastructure;

public static class RequestRecording
{
    /// <summary>Records every request as it arrives, before any middleware (UseCloudEvents) rewrites it.</summary>
    public static void UseRequestRecording(this WebApplication web, EventRecorder recorder, string instance) =>
        web.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            recorder.Record(new ReceivedRequest(instance, context.Request.Method, context.Request.Path.Value ?? "",
                context.Request.ContentType ?? "", body,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString())));
            await next(context);
        });
}
