using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProcessingPaymentsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_payments_status",
                table: "payments",
                column: "status",
                filter: "status = 'Processing'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_status",
                table: "payments");
        }
    }
}
