using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TenantProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LogoMediaType",
                table: "Tenants",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_Ags",
                table: "Tenants",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_Ars",
                table: "Tenants",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactEmail",
                table: "Tenants",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactName",
                table: "Tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_ContactPhone",
                table: "Tenants",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_MailSenderAddress",
                table: "Tenants",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_MailSenderName",
                table: "Tenants",
                type: "character varying(200)",
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
