using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Payments.Data.Migrations
{
    /// <inheritdoc />
    public partial class OvertimePremiumFixedAtCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "owes_overtime_premium",
                table: "payable_assignments",
                type: "boolean",
                nullable: false,
                defaultValue: true);
            // Completions recorded before: the employer's setting counts only if saved before the work was completed.
            migrationBuilder.Sql("""
                UPDATE payable_assignments a SET owes_overtime_premium = s.owes_overtime_premium
                FROM payroll_settings s
                WHERE s.employer_id = a.employer_id AND s.updated_at <= a.completed_at
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "owes_overtime_premium",
                table: "payable_assignments");
        }
    }
}
