using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EfaGateway.Persistence;

/// <summary>For <c>dotnet ef migrations add … --context SqliteGatewayDbContext</c>; the database is never opened.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        builder.UseSqlite("Data Source=design-time.db");
        return new SqliteGatewayDbContext(builder.Options);
    }
}

/// <summary>For <c>dotnet ef migrations add … --context NpgsqlGatewayDbContext</c>; the database is never opened.</summary>
public sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlGatewayDbContext>
{
    public NpgsqlGatewayDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<NpgsqlGatewayDbContext>();
        builder.UseNpgsql("Host=localhost;Database=efagateway_design_time");
        return new NpgsqlGatewayDbContext(builder.Options);
    }
}
