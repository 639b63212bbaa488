using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Jobs.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkerReliability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reliability_points",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reliability_points", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reliability_points_worker",
                table: "reliability_points",
                columns: new[] { "worker_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ux_reliability_points_application_reason",
                table: "reliability_points",
                columns: new[] { "application_id", "reason" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reliability_points");
        }
    }
}
