using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LogoMediaType",
                table: "Tenants",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_Ags",
                table: "Tenants",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_Ars",
                table: "Tenants",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactEmail",
                table: "Tenants",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactName",
                table: "Tenants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactPhone",
                table: "Tenants",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_MailSenderAddress",
                table: "Tenants",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_MailSenderName",
                table: "Tenants",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "LogoMediaType",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_Ags",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_Ars",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_ContactEmail",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_ContactName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_ContactPhone",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_MailSenderAddress",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Profile_MailSenderName",
                table: "Tenants");
        }
    }
}
