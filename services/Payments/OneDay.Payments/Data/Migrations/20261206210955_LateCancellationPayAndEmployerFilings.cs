using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class LateCancellationPayAndEmployerFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "payable_assignments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Work");

            migrationBuilder.CreateTable(
                name: "filing_reminders",
                columns: table => new
                {
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    filing = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_reminders", x => new { x.employer_id, x.filing, x.month });
                });

            migrationBuilder.CreateTable(
                name: "worker_tax_identities",
                columns: table => new
                {
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    legal_name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    sealed_resident_number = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_worker_tax_identities", x => x.worker_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_filing_reminders_month",
                table: "filing_reminders",
                column: "month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "filing_reminders");

            migrationBuilder.DropTable(
                name: "worker_tax_identities");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "payable_assignments");
        }
    }
}
