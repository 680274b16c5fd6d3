using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// Institutions can be deactivated (existing ones stay active) and are edited with PostgreSQL's xmin system column as
    /// their concurrency token (it exists on every row: nothing to create). Names are unique per kind and short names
    /// overall, whatever the case: expression indexes, which the model cannot state.
    /// </summary>
    public partial class InstitutionActive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "Institutions",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX "IX_Institutions_Kind_LowerName" ON "Institutions" ("Kind", lower("Name"));
                CREATE UNIQUE INDEX "IX_Institutions_LowerShortName" ON "Institutions" (lower("ShortName"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_Institutions_LowerShortName";
                DROP INDEX "IX_Institutions_Kind_LowerName";
                """);

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "Institutions");
        }
    }
}
