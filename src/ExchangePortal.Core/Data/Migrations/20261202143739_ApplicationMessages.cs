using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApplicationMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AuthorId = table.Column<string>(type: "text", nullable: true),
                    ErasedAuthor = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationMessages_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationMessages_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMessages_ApplicationId_SentAt",
                table: "ApplicationMessages",
                columns: new[] { "ApplicationId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationMessages_AuthorId",
                table: "ApplicationMessages",
                column: "AuthorId");

            // A message or note is never changed once sent, whoever asks: only its author's erasure may touch the row.
            migrationBuilder.Sql("""
                CREATE FUNCTION "ApplicationMessages_Unchanged"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Text" IS DISTINCT FROM OLD."Text" OR NEW."Kind" IS DISTINCT FROM OLD."Kind"
                        OR NEW."ApplicationId" IS DISTINCT FROM OLD."ApplicationId" OR NEW."SentAt" IS DISTINCT FROM OLD."SentAt" THEN
                        RAISE EXCEPTION 'A message is not edited once sent.';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "TR_ApplicationMessages_Unchanged" BEFORE UPDATE ON "ApplicationMessages"
                    FOR EACH ROW EXECUTE FUNCTION "ApplicationMessages_Unchanged"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationMessages");
            migrationBuilder.Sql("""DROP FUNCTION "ApplicationMessages_Unchanged"();""");
        }
    }
}
