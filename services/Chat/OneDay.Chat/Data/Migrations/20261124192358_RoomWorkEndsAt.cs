using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Chat.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoomWorkEndsAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rooms opened before job-matched carried the end: their work is taken to end when it started,
            // which closes them no later than before.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "work_ends_at",
                table: "rooms",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.Sql("UPDATE rooms SET work_ends_at = work_starts_at");
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "work_ends_at",
                table: "rooms",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "work_ends_at",
                table: "rooms");
        }
    }
}
