using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EfaGateway.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PostkorbNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NotifiedAt",
                table: "PostkorbItems",
                type: "INTEGER",
                nullable: true);

            // Items that arrived before notices existed count as announced: otherwise the first run after the upgrade
            // would mail staff about every item still in the Postkorb, some of them weeks old.
            migrationBuilder.Sql("UPDATE \"PostkorbItems\" SET \"NotifiedAt\" = \"ProvidedAt\";");

            migrationBuilder.CreateIndex(
                name: "IX_PostkorbItems_NotifiedAt",
                table: "PostkorbItems",
                column: "NotifiedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PostkorbItems_NotifiedAt",
                table: "PostkorbItems");

            migrationBuilder.DropColumn(
                name: "NotifiedAt",
                table: "PostkorbItems");
        }
    }
}
