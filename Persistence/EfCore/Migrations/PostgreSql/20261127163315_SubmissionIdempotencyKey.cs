using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SubmissionIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Submissions",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestFingerprint",
                table: "Submissions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Submissions_TenantId_IdempotencyKey",
                table: "Submissions",
                columns: new[] { "TenantId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Submissions_TenantId_IdempotencyKey",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Submissions");

            migrationBuilder.DropColumn(
                name: "RequestFingerprint",
                table: "Submissions");
        }
    }
}
