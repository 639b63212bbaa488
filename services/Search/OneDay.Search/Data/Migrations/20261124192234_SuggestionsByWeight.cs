using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class SuggestionsByWeight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_suggestions_weight",
                table: "suggestions",
                columns: new[] { "weight", "text" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "ix_suggestion_keys_text",
                table: "suggestion_keys",
                columns: new[] { "text", "key" })
                .Annotation("Npgsql:IndexOperators", new[] { "text_ops", "text_pattern_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_suggestions_weight",
                table: "suggestions");

            migrationBuilder.DropIndex(
                name: "ix_suggestion_keys_text",
                table: "suggestion_keys");
        }
    }
}
