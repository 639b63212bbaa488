using Microsoft.AspNetCore.Http.HttpResults;
using OneDay.Contracts;

namespace OneDay.Payments.ResidentNumbers;

/// <summary>An Admin's view of the keys sealing resident numbers, and the re-sealing that ends a key rotation (docs/resident-numbers.md §4).</summary>
public static class ResidentNumberKeysApi
{
    public static void MapResidentNumberKeys(this WebApplication app)
    {
        var keys = app.MapGroup("/payments/operations/resident-numbers").WithTags("Operations").RequireAuthorization(nameof(UserRole.Admin));
        keys.MapGet("/", InventoryAsync).WithName("GetResidentNumberKeys")
            .WithSummary("The current key id and how many stored resident numbers each key id seals, flagging ids the secret does not hold (Admin)");
        keys.MapPost("/reseal", ResealAsync).WithName("ResealResidentNumbers")
            .WithSummary("Re-seals every stored resident number under the current key, so older keys can leave the secret (Admin)");
    }

    private static async Task<Ok<ResidentNumberKeyInventory>> InventoryAsync(ResidentNumberKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.InventoryAsync(cancellationToken));

    private static async Task<Ok<ResealedResidentNumbers>> ResealAsync(ResidentNumberKeys keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ResealAsync(cancellationToken));
}
