using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.PostgreSql
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
                type: "character varying(128)",
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
