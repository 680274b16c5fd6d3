using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "ApplicationStatusCounts",
                columns: table => new
                {
                    CohortId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EndorsementRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationStatusCounts", x => new { x.CohortId, x.Status, x.EndorsementRequired });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Doctors_ChineseName_Trigram",
                table: "Doctors",
                column: "ChineseName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Doctors_FullName_Trigram",
                table: "Doctors",
                column: "FullName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AwaitingUniversity",
                table: "Applications",
                columns: new[] { "SubmittedAt", "Id" },
                filter: "(\"Status\" = 'Submitted' AND NOT \"EndorsementRequired\") OR \"Status\" = 'Endorsed' OR \"Status\" = 'UnderReview'");

            // The counters behind the review queue's counts per status: statement-level triggers add up each INSERT, UPDATE
            // and DELETE on Applications (COPY included) in one upsert, in key order so concurrent changes lock alike.
            migrationBuilder.Sql("""
                CREATE FUNCTION "ApplicationStatusCounts_Apply"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "ApplicationStatusCounts" AS s ("CohortId", "Status", "EndorsementRequired", "Count")
                        SELECT "CohortId", "Status", "EndorsementRequired", count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT ("CohortId", "Status", "EndorsementRequired") DO UPDATE SET "Count" = s."Count" + excluded."Count";
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO "ApplicationStatusCounts" AS s ("CohortId", "Status", "EndorsementRequired", "Count")
                        SELECT "CohortId", "Status", "EndorsementRequired", -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                        ON CONFLICT ("CohortId", "Status", "EndorsementRequired") DO UPDATE SET "Count" = s."Count" + excluded."Count";
                    ELSE
                        INSERT INTO "ApplicationStatusCounts" AS s ("CohortId", "Status", "EndorsementRequired", "Count")
                        SELECT "CohortId", "Status", "EndorsementRequired", sum(delta) FROM (
                            SELECT "CohortId", "Status", "EndorsementRequired", -1 AS delta FROM old_rows
                            UNION ALL
                            SELECT "CohortId", "Status", "EndorsementRequired", 1 FROM new_rows) changes
                        GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
                        ON CONFLICT ("CohortId", "Status", "EndorsementRequired") DO UPDATE SET "Count" = s."Count" + excluded."Count";
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "TR_Applications_StatusCounts_Insert" AFTER INSERT ON "Applications"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ApplicationStatusCounts_Apply"();
                CREATE TRIGGER "TR_Applications_StatusCounts_Update" AFTER UPDATE ON "Applications"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ApplicationStatusCounts_Apply"();
                CREATE TRIGGER "TR_Applications_StatusCounts_Delete" AFTER DELETE ON "Applications"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ApplicationStatusCounts_Apply"();

                INSERT INTO "ApplicationStatusCounts" ("CohortId", "Status", "EndorsementRequired", "Count")
                SELECT "CohortId", "Status", "EndorsementRequired", count(*) FROM "Applications" GROUP BY 1, 2, 3;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Applications_StatusCounts_Insert" ON "Applications";
                DROP TRIGGER "TR_Applications_StatusCounts_Update" ON "Applications";
                DROP TRIGGER "TR_Applications_StatusCounts_Delete" ON "Applications";
                DROP FUNCTION "ApplicationStatusCounts_Apply"();
                """);

            migrationBuilder.DropTable(
                name: "ApplicationStatusCounts");

            migrationBuilder.DropIndex(
                name: "IX_Doctors_ChineseName_Trigram",
                table: "Doctors");

            migrationBuilder.DropIndex(
                name: "IX_Doctors_FullName_Trigram",
                table: "Doctors");

            migrationBuilder.DropIndex(
                name: "IX_Applications_AwaitingUniversity",
                table: "Applications");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
