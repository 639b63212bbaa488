using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Jobs.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessageRetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent",
                table: "outbox_messages",
                column: "sent_at",
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inbox_messages_handled",
                table: "inbox_messages",
                column: "handled_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_sent",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_inbox_messages_handled",
                table: "inbox_messages");
        }
    }
}
