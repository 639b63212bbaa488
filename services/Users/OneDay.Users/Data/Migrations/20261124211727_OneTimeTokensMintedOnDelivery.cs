using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Users.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneTimeTokensMintedOnDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A waiting message becomes the intent it stood for; the plain token it held is dropped with its
            // column, and the message is sent with a freshly minted one.
            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "pending_notifications",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("UPDATE pending_notifications SET purpose = CASE kind WHEN 'password-reset' THEN 'PasswordReset' ELSE 'EmailVerification' END");

            migrationBuilder.DropColumn(
                name: "display_name",
                table: "pending_notifications");

            migrationBuilder.DropColumn(
                name: "email",
                table: "pending_notifications");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "pending_notifications");

            migrationBuilder.DropColumn(
                name: "token",
                table: "pending_notifications");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The old rows carried their token, which no waiting intent has: they cannot be turned back.
            migrationBuilder.Sql("DELETE FROM pending_notifications");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "pending_notifications");

            migrationBuilder.AddColumn<string>(
                name: "display_name",
                table: "pending_notifications",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "email",
                table: "pending_notifications",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "pending_notifications",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "token",
                table: "pending_notifications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }
    }
}
