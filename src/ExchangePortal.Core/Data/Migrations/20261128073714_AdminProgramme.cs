using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Measure",
                table: "Milestones",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetDepartment",
                table: "Milestones",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TargetFrom",
                table: "Milestones",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TargetLabId",
                table: "Milestones",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TargetTo",
                table: "Milestones",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TargetValue",
                table: "Milestones",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarTokenHash",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MilestoneFollowers",
                columns: table => new
                {
                    MilestoneId = table.Column<int>(type: "integer", nullable: false),
                    FollowerId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MilestoneFollowers", x => new { x.MilestoneId, x.FollowerId });
                    table.ForeignKey(
                        name: "FK_MilestoneFollowers_AspNetUsers_FollowerId",
                        column: x => x.FollowerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MilestoneFollowers_Milestones_MilestoneId",
                        column: x => x.MilestoneId,
                        principalTable: "Milestones",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SentReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SentReminders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_TargetLabId",
                table: "Milestones",
                column: "TargetLabId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Milestones_Target",
                table: "Milestones",
                sql: "(\"Measure\" IS NULL AND \"TargetValue\" IS NULL) OR (\"Measure\" IS NOT NULL AND \"TargetValue\" >= 1)");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CalendarTokenHash",
                table: "AspNetUsers",
                column: "CalendarTokenHash",
                unique: true,
                filter: "\"CalendarTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MilestoneFollowers_FollowerId",
                table: "MilestoneFollowers",
                column: "FollowerId");

            migrationBuilder.CreateIndex(
                name: "IX_SentReminders_Key",
                table: "SentReminders",
                column: "Key",
                unique: true);

            // The audit trail is append-only in the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks.
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEntries_AppendOnly"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The audit trail is append-only: % on "AuditEntries" is not allowed.', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END $$;

                CREATE TRIGGER "TR_AuditEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION "AuditEntries_AppendOnly"();
                CREATE TRIGGER "TR_AuditEntries_NoTruncate" BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_AppendOnly"();
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_Milestones_HostLabs_TargetLabId",
                table: "Milestones",
                column: "TargetLabId",
                principalTable: "HostLabs",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_AuditEntries_NoTruncate" ON "AuditEntries";
                DROP TRIGGER "TR_AuditEntries_AppendOnly" ON "AuditEntries";
                DROP FUNCTION "AuditEntries_AppendOnly"();
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_Milestones_HostLabs_TargetLabId",
                table: "Milestones");

            migrationBuilder.DropTable(
                name: "MilestoneFollowers");

            migrationBuilder.DropTable(
                name: "SentReminders");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_TargetLabId",
                table: "Milestones");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Milestones_Target",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CalendarTokenHash",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Measure",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TargetDepartment",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TargetFrom",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TargetLabId",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TargetTo",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TargetValue",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "CalendarTokenHash",
                table: "AspNetUsers");
        }
    }
}
