using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class PushDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "destination",
                table: "channel_deliveries",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320);

            migrationBuilder.AddColumn<string>(
                name: "platform",
                table: "channel_deliveries",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            // Push waiting to be sent was addressed to a user id, which no provider can reach: there is no device to send it to.
            migrationBuilder.Sql("DELETE FROM channel_deliveries WHERE channel = 'Push' AND status = 'Pending'");

            migrationBuilder.CreateTable(
                name: "push_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    platform = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_push_devices", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_push_devices_user_last_seen",
                table: "push_devices",
                columns: new[] { "user_id", "last_seen_at" });

            migrationBuilder.CreateIndex(
                name: "ux_push_devices_token",
                table: "push_devices",
                column: "token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "push_devices");

            migrationBuilder.DropColumn(
                name: "platform",
                table: "channel_deliveries");

            migrationBuilder.AlterColumn<string>(
                name: "destination",
                table: "channel_deliveries",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(512)",
                oldMaxLength: 512);
        }
    }
}
