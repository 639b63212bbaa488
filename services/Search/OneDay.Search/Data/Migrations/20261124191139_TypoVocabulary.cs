using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneDay.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class TypoVocabulary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Words and known words are computed in C# (KoreanText) as jobs are indexed: documents indexed
            // before this migration match misspellings again after the next POST /search/reindex.
            migrationBuilder.DropIndex(
                name: "ix_job_documents_title_jamo",
                table: "job_documents");

            migrationBuilder.AddColumn<string[]>(
                name: "title_words",
                table: "job_documents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "known_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    jamo = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_words", x => x.word);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_documents_title_words",
                table: "job_documents",
                column: "title_words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_known_words_jamo",
                table: "known_words",
                column: "jamo")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "known_words");

            migrationBuilder.DropIndex(
                name: "ix_job_documents_title_words",
                table: "job_documents");

            migrationBuilder.DropColumn(
                name: "title_words",
                table: "job_documents");

            migrationBuilder.CreateIndex(
                name: "ix_job_documents_title_jamo",
                table: "job_documents",
                column: "title_jamo")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
