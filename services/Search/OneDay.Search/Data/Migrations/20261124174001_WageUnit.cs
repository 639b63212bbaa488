using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class WageUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "wage_unit",
                table: "job_documents",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Hourly");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "wage_unit",
                table: "job_documents");
        }
    }
}
