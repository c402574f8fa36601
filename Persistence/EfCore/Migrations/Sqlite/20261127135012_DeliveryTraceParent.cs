using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Deliveries",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Deliveries");
        }
    }
}
