using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Jobs.Data.Migrations
{
    /// <inheritdoc />
    public partial class ShiftConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "shift_confirmed_at",
                table: "attendance",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "shift_confirmed_at",
                table: "attendance");
        }
    }
}
