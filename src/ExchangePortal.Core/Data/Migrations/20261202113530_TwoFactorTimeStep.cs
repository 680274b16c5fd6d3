using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class TwoFactorTimeStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AuthenticatorTimeStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuthenticatorTimeStep",
                table: "AspNetUsers");
        }
    }
}
