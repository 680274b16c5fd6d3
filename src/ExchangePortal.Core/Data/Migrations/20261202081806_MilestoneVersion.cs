using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ExchangePortal.Core.Data.Migrations
{
    /// <inheritdoc />
    /// <summary>
    /// Milestones use PostgreSQL's xmin system column as their concurrency token (their edit form carries it). xmin exists
    /// on every row already, so there is nothing to create: the migration only records the model change.
    /// </summary>
    public partial class MilestoneVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
