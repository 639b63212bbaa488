using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Jobs.Data.Migrations
{
    /// <inheritdoc />
    public partial class RatingsAndWorkerMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rater_id = table.Column<Guid>(type: "uuid", nullable: false),
                    ratee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stars = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    given_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => new { x.application_id, x.rater_id });
                    table.CheckConstraint("ck_ratings_stars", "stars BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "worker_marks",
                columns: table => new
                {
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    marked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worker_marks", x => new { x.employer_id, x.worker_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_ratings_ratee",
                table: "ratings",
                column: "ratee_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "worker_marks");
        }
    }
}
