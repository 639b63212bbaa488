using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Users.Data.Migrations
{
    /// <inheritdoc />
    public partial class SignUpAttemptNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sign_up_attempt_noticed_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sign_up_attempt_noticed_at",
                table: "users");
        }
    }
}
