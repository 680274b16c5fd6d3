using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsentHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "SubjectIds",
                table: "AuditEntries",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "ConsentRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    NoticeVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    Programme = table.Column<bool>(type: "boolean", nullable: false),
                    SensitiveData = table.Column<bool>(type: "boolean", nullable: false),
                    OutsideMainland = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentRecords_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectIds",
                table: "AuditEntries",
                column: "SubjectIds")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentRecords_UserId_At",
                table: "ConsentRecords",
                columns: new[] { "UserId", "At" });

            // The one overwritten field becomes the first entry of each history: that notice asked for one agreement, not
            // for the separate consents (sensitive data, provision outside the mainland), so those are recorded as not given.
            migrationBuilder.Sql("""
                INSERT INTO "ConsentRecords" ("UserId", "NoticeVersion", "Accepted", "Programme", "SensitiveData", "OutsideMainland", "At")
                SELECT "Id", "PrivacyNoticeVersion", TRUE, TRUE, FALSE, FALSE, "PrivacyConsentedAt"
                FROM "AspNetUsers" WHERE "PrivacyNoticeVersion" IS NOT NULL AND "PrivacyConsentedAt" IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "PrivacyConsentedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeVersion",
                table: "AspNetUsers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PrivacyConsentedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyNoticeVersion",
                table: "AspNetUsers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" u SET "PrivacyNoticeVersion" = c."NoticeVersion", "PrivacyConsentedAt" = c."At"
                FROM (SELECT DISTINCT ON ("UserId") * FROM "ConsentRecords" WHERE "Accepted" AND "WithdrawnAt" IS NULL
                      ORDER BY "UserId", "At" DESC, "Id" DESC) c
                WHERE c."UserId" = u."Id";
                """);

            migrationBuilder.DropTable(
                name: "ConsentRecords");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SubjectIds",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SubjectIds",
                table: "AuditEntries");

        }
    }
}
