using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// The end of a stay: the supervisor's email on the placement, the emailed evaluation links (token hashes only), the
    /// supervisor's evaluations, the doctor's end-of-stay report form and the certificates of completion. Stay reports use
    /// PostgreSQL's xmin system column as their concurrency token, which every row has already: no column is created for it.
    /// </summary>
    public partial class StayEndEvaluationsReportsCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SupervisorEmail",
                table: "Placements",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    DoctorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DoctorChineseName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Hospital = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Lab = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    University = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SentTo = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationLinks_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StayReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Learned = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outputs = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    BringBack = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LabRating = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StayReports", x => x.Id);
                    table.CheckConstraint("CK_StayReports_LabRating", "\"LabRating\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_StayReports_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupervisorEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    SupervisorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: false),
                    ClinicalKnowledge = table.Column<int>(type: "integer", nullable: false),
                    ResearchSkills = table.Column<int>(type: "integer", nullable: false),
                    Communication = table.Column<int>(type: "integer", nullable: false),
                    Teamwork = table.Column<int>(type: "integer", nullable: false),
                    Comments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecommendForFuture = table.Column<bool>(type: "boolean", nullable: false),
                    Language = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisorEvaluations", x => x.Id);
                    table.CheckConstraint("CK_SupervisorEvaluations_Attendance", "\"Attendance\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_SupervisorEvaluations_ClinicalKnowledge", "\"ClinicalKnowledge\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_SupervisorEvaluations_Communication", "\"Communication\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_SupervisorEvaluations_ResearchSkills", "\"ResearchSkills\" BETWEEN 1 AND 5");
                    table.CheckConstraint("CK_SupervisorEvaluations_Teamwork", "\"Teamwork\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_SupervisorEvaluations_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ApplicationId",
                table: "Certificates",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationLinks_ApplicationId",
                table: "EvaluationLinks",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationLinks_TokenHash",
                table: "EvaluationLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StayReports_ApplicationId",
                table: "StayReports",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisorEvaluations_ApplicationId",
                table: "SupervisorEvaluations",
                column: "ApplicationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "EvaluationLinks");

            migrationBuilder.DropTable(
                name: "StayReports");

            migrationBuilder.DropTable(
                name: "SupervisorEvaluations");

            migrationBuilder.DropColumn(
                name: "SupervisorEmail",
                table: "Placements");
        }
    }
}
