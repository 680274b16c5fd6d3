using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RemoveFortunes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Fortunes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Fortunes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Fortunes", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "Fortunes",
                columns: new[] { "Id", "Message" },
                values: new object[,]
                {
                    { 1, "fortune: No such file or directory" },
                    { 2, "A computer scientist is someone who fixes things that aren't broken." },
                    { 3, "After enough decimal places, nobody gives a damn." },
                    { 4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1" },
                    { 5, "A computer program does what you tell it to do, not what you want it to do." },
                    { 6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen" },
                    { 7, "Any program that runs right is obsolete." },
                    { 8, "A list is only as strong as its weakest link. — Donald Knuth" },
                    { 9, "Feature: A bug with seniority." },
                    { 10, "Computers make very fast, very accurate mistakes." },
                    { 11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>" },
                    { 12, "フレームワークのベンチマーク" }
                });
        }
    }
}
