using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.ServiceDefaults.Security;

namespace OneDay.Notifications.Devices;

/// <summary>
/// The caller's push devices, registered by the mobile app at sign-in and whenever the provider hands it a
/// token. Another user's device is simply not found, so ids say nothing about who else has one.
/// </summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder notifications)
    {
        notifications.MapPut("/devices", RegisterAsync).WithName("RegisterPushDevice")
            .WithSummary("Registers the caller's device for push, or refreshes it when the token is known (idempotent)");
        notifications.MapGet("/devices", ListAsync).WithName("ListPushDevices").WithSummary("The caller's push devices, most recently seen first");
        notifications.MapDelete("/devices/{id:guid}", RemoveAsync).WithName("RemovePushDevice").WithSummary("Stops push to one of the caller's devices");
        return notifications;
    }

    private static async Task<Results<Ok<PushDeviceView>, ValidationProblem>> RegisterAsync(
        RegisterDeviceRequest request, ClaimsPrincipal user, DeviceRegistry devices, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > PushDevice.MaxTokenLength)
        {
            errors["token"] = [$"the push provider's registration token, 1 to {PushDevice.MaxTokenLength} characters"];
        }
        var platform = Enum.GetValues<PushPlatform>().Cast<PushPlatform?>()
            .FirstOrDefault(p => string.Equals(p.ToString(), request.Platform, StringComparison.OrdinalIgnoreCase));
        if (platform is null) errors["platform"] = [$"one of: {string.Join(", ", Enum.GetNames<PushPlatform>())}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var device = await devices.RegisterAsync(user.UserId()!.Value, request.Token!, platform!.Value, cancellationToken);
        return TypedResults.Ok(PushDeviceView.Of(device));
    }

    private static async Task<Ok<IReadOnlyList<PushDeviceView>>> ListAsync(ClaimsPrincipal user, DeviceRegistry devices, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<PushDeviceView>>((await devices.OfAsync(user.UserId()!.Value, cancellationToken)).Select(PushDeviceView.Of).ToList());

    private static async Task<Results<NoContent, NotFound>> RemoveAsync(Guid id, ClaimsPrincipal user, DeviceRegistry devices, CancellationToken cancellationToken) =>
        await devices.RemoveAsync(user.UserId()!.Value, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
