using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DraftLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedUntil",
                table: "Drafts",
                type: "timestamp with time zone",
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
