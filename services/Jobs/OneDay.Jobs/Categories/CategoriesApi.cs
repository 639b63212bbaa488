using OneDay.ServiceDefaults.Errors;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneDay.Contracts;
using OneDay.Jobs.Data;

namespace OneDay.Jobs.Categories;

public sealed record CategoryView(int Id, string Name, int SortOrder);

public sealed record AddCategory([property: Required, StringLength(50, MinimumLength = 1)] string Name, [property: Range(0, 10_000)] int SortOrder);

public static class CategoriesApi
{
    public static void MapCategories(this WebApplication app)
    {
        var categories = app.MapGroup("/jobs/categories").WithTags("Categories");
        categories.MapGet("/", ListAsync).AllowAnonymous().WithName("ListCategories");
        categories.MapPost("/", AddAsync).RequireAuthorization(nameof(UserRole.Admin)).WithName("AddCategory");
        categories.MapDelete("/{id:int}", RemoveAsync).RequireAuthorization(nameof(UserRole.Admin)).WithName("RemoveCategory")
            .WithSummary("Removes a category; jobs already filed under it keep its name");
    }

    private static async Task<Ok<List<CategoryView>>> ListAsync(JobsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new CategoryView(c.Id, c.Name, c.SortOrder)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<CategoryView>, ProblemHttpResult>> AddAsync(AddCategory request, JobsDbContext db, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (await db.Categories.AnyAsync(c => c.Name == name, cancellationToken)) return ApiProblems.Conflict("이미 있는 카테고리입니다.");
        var category = new Category { Name = name, SortOrder = request.SortOrder };
        db.Categories.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/jobs/categories/{category.Id}", new CategoryView(category.Id, category.Name, category.SortOrder));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(int id, JobsDbContext db, CancellationToken cancellationToken) =>
        await db.Categories.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken) == 0
            ? ApiProblems.NotFound("카테고리가 없습니다.")
            : TypedResults.NoContent();
}
