using System.Data.Common;
using System.Runtime.CompilerServices;
using EfaGateway.Core.Deliveries;
using EfaGateway.Core.Ports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace EfaGateway.Persistence.Stores;

/// <summary>
/// Writes a changed delivery back with one UPDATE of all its columns, guarded by the version it was read at. Every
/// attempt saves its delivery at least twice (claim, outcome), and EF's SaveChanges did the same work each time afresh:
/// attach, detect changes, sort the commands, generate the SQL text. Here the statement is generated once per model from
/// EF's own mapping (column names, value converters, parameter types), so it cannot drift from the migrations, and a
/// save is one command in the caller's transaction. A lost race (no row at that version) is Core's
/// <see cref="DeliveryConflictException"/>, as with SaveChanges.
/// </summary>
internal static class DeliveryRowWriter
{
    private static readonly ConditionalWeakTable<IModel, UpdateStatement> Statements = [];

    /// <summary>Updates the row of <paramref name="delivery"/>, read at <paramref name="readVersion"/>, within the context's current transaction.</summary>
    public static async Task UpdateAsync(GatewayDbContext db, Delivery delivery, int readVersion, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A delivery row is written within a transaction (it takes SQLite's write gate).");
        var statement = Statements.GetValue(db.Model, model => UpdateStatement.For(model, db.GetService<ISqlGenerationHelper>()));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = statement.Sql;
        foreach (var column in statement.Columns)
        {
            command.Parameters.Add(column.Mapping.CreateParameter(command, column.ParameterName, column.Property.GetGetter().GetClrValue(delivery),
                column.Property.IsNullable));
        }

        command.Parameters.Add(statement.Key.Mapping.CreateParameter(command, statement.Key.ParameterName, delivery.Id, nullable: false));
        command.Parameters.Add(statement.ReadVersion.Mapping.CreateParameter(command, statement.ReadVersion.ParameterName, readVersion, nullable: false));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new DeliveryConflictException(delivery.Id);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string ParameterName);

    private sealed record UpdateStatement(string Sql, IReadOnlyList<Column> Columns, Column Key, Column ReadVersion)
    {
        public static UpdateStatement For(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(Delivery)) ?? throw new InvalidOperationException("Delivery is not in the model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var version = entity.FindProperty(nameof(Delivery.Version))!;
            var columns = entity.GetProperties().Where(p => p != key)
                .Select((p, i) => new Column(p, (RelationalTypeMapping)p.GetTypeMapping(), sql.GenerateParameterName("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                .ToList();
            var keyColumn = new Column(key, (RelationalTypeMapping)key.GetTypeMapping(), sql.GenerateParameterName("key"));
            var readVersion = new Column(version, (RelationalTypeMapping)version.GetTypeMapping(), sql.GenerateParameterName("readVersion"));

            string Name(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);
            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET "
                + string.Join(", ", columns.Select(c => $"{Name(c.Property)} = {c.ParameterName}"))
                + $" WHERE {Name(key)} = {keyColumn.ParameterName} AND {Name(version)} = {readVersion.ParameterName}";
            return new UpdateStatement(text, columns, keyColumn, readVersion);
        }
    }
}
