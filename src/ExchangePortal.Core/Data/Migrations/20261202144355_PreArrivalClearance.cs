using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <summary>
    /// Pre-arrival clearance: documents are verified or returned by a coordinator (existing ones wait for verification), an
    /// Exit-Entry Permit carries its endorsement, and each cohort lists the documents it requires (existing cohorts get the
    /// default: licence, passport or travel permit, insurance). Documents use PostgreSQL's xmin system column as their
    /// concurrency token, which every row has already: no column is created for it.
    /// </summary>
    public partial class PreArrivalClearance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckedAt",
                table: "Documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckedById",
                table: "Documents",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Endorsement",
                table: "Documents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Documents",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Verification",
                table: "Documents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Waiting");

            migrationBuilder.CreateTable(
                name: "CohortClearanceItems",
                columns: table => new
                {
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CohortClearanceItems", x => new { x.CohortId, x.Kind });
                    table.ForeignKey(
                        name: "FK_CohortClearanceItems_Cohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "Cohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO "CohortClearanceItems" ("CohortId", "Kind")
                SELECT c."Id", k.kind FROM "Cohorts" c CROSS JOIN (VALUES ('PractisingLicence'), ('TravelDocument'), ('Insurance')) AS k(kind)
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Documents_CheckedById",
                table: "Documents",
                column: "CheckedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Documents_AspNetUsers_CheckedById",
                table: "Documents",
                column: "CheckedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Documents_AspNetUsers_CheckedById",
                table: "Documents");

            migrationBuilder.DropTable(
                name: "CohortClearanceItems");

            migrationBuilder.DropIndex(
                name: "IX_Documents_CheckedById",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "CheckedAt",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "CheckedById",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "Endorsement",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "Verification",
                table: "Documents");

        }
    }
}
