using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DraftLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LockedUntil",
                table: "Drafts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "Drafts");
        }
    }
}
