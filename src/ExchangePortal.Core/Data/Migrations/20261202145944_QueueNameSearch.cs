using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueueNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "DoctorNames",
                table: "Applications",
                type: "character varying(301)",
                maxLength: 301,
                nullable: true);

            // The doctor's names on each application, for IX_Applications_Status_DoctorNames_Trigram (ReviewQueue's name search):
            // set from the doctor when an application is inserted (COPY included) or moves to another doctor, and copied to every
            // application of a doctor whose name changes (an edit, an erasure), so the copy never outlives the name.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Applications_SetDoctorNames"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT d."FullName" || E'\n' || coalesce(d."ChineseName", '') INTO NEW."DoctorNames"
                    FROM "Doctors" d WHERE d."Id" = NEW."DoctorId";
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "TR_Applications_DoctorNames" BEFORE INSERT OR UPDATE OF "DoctorId" ON "Applications"
                    FOR EACH ROW EXECUTE FUNCTION "Applications_SetDoctorNames"();

                CREATE FUNCTION "Doctors_CopyNames"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Applications" SET "DoctorNames" = NEW."FullName" || E'\n' || coalesce(NEW."ChineseName", '')
                    WHERE "DoctorId" = NEW."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "TR_Doctors_CopyNames" AFTER UPDATE OF "FullName", "ChineseName" ON "Doctors"
                    FOR EACH ROW WHEN (OLD."FullName" IS DISTINCT FROM NEW."FullName" OR OLD."ChineseName" IS DISTINCT FROM NEW."ChineseName")
                    EXECUTE FUNCTION "Doctors_CopyNames"();

                UPDATE "Applications" a SET "DoctorNames" = d."FullName" || E'\n' || coalesce(d."ChineseName", '')
                FROM "Doctors" d WHERE d."Id" = a."DoctorId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Status_DoctorNames_Trigram",
                table: "Applications",
                columns: new[] { "Status", "DoctorNames" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_ops", "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Doctors_CopyNames" ON "Doctors";
                DROP FUNCTION "Doctors_CopyNames"();
                DROP TRIGGER "TR_Applications_DoctorNames" ON "Applications";
                DROP FUNCTION "Applications_SetDoctorNames"();
                """);

            migrationBuilder.DropIndex(
                name: "IX_Applications_Status_DoctorNames_Trigram",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "DoctorNames",
                table: "Applications");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
