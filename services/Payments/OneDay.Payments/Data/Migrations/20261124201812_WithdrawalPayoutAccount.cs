using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class WithdrawalPayoutAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "account_holder",
                table: "withdrawals",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "account_number",
                table: "withdrawals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bank_name",
                table: "withdrawals",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "account_holder",
                table: "withdrawals");

            migrationBuilder.DropColumn(
                name: "account_number",
                table: "withdrawals");

            migrationBuilder.DropColumn(
                name: "bank_name",
                table: "withdrawals");
        }
    }
}
