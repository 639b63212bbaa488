using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayrollSettingsAndWageBasis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "minutes_worked",
                table: "payable_assignments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "wage_unit",
                table: "payable_assignments",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Daily");

            migrationBuilder.CreateTable(
                name: "payroll_settings",
                columns: table => new
                {
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owes_overtime_premium = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payroll_settings", x => x.employer_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payroll_settings");

            migrationBuilder.DropColumn(
                name: "minutes_worked",
                table: "payable_assignments");

            migrationBuilder.DropColumn(
                name: "wage_unit",
                table: "payable_assignments");
        }
    }
}
