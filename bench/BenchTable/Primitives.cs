using System.Diagnostics;
using System.Security.Cryptography;
using EfaGateway.Core.Ports;
using EfaGateway.Mappers.CanonicalXml;
using EfaGateway.Mappers.FimJson;
using EfaGateway.Mappers.Pdf;
using EfaGateway.Mappers.Xoev;
using EfaGateway.XoevSchemas;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EfaGateway.Bench.BenchTable;

/// <summary>One primitive: wall time and this process's CPU time per operation, on one thread.</summary>
internal sealed record Primitive(string Name, double WallMs, double CpuMs, string Note = "");

/// <summary>
/// The unavoidable work of an application, each piece timed alone in a Stopwatch loop (after a warm-up, for a fixed
/// time, so a fast and a slow piece both get enough repetitions): RSA-OAEP-256 key wraps with a 4096-bit key,
/// AES-256-GCM over the payload sizes an application has, the mappers with their schema checks, PDF rendering, and
/// a durable write on SQLite with the gateway's pragmas and on PostgreSQL.
/// </summary>
internal static class Primitives
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(1.5);

    public static async Task<IReadOnlyList<Primitive>> MeasureAsync(RunFolder run, string? postgresDatabase)
    {
        var results = new List<Primitive>();
        var dogTax = PrimitiveInputs.DogTax(run.Root);
        var pdf = PdfMapper.Render(dogTax).Content!;
        var fimJson = (await new FimJsonMapper().MapAsync(dogTax, CancellationToken.None)).Content!;

        using (var rsa = RSA.Create(4096))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            results.Add(Measure("RSA-OAEP-256 wrap (4096-bit key)", () => rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256)));

            // The receiving end's share: unwrapping a key (as the subscriber does per JWE) is one private-key
            // operation, and signing a SET with PS512 costs the same operation once more.
            var wrapped = rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256);
            results.Add(Measure("RSA-4096 private-key operation (OAEP-256 unwrap)", () => rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256)));
        }

        var canonicalXml = Check(new CanonicalXmlMapper(SchemaCatalog.CreateDefault()).Map(dogTax));
        foreach (var (name, size) in new[] { ("FIM JSON data", fimJson.Length), ("canonical XML", canonicalXml.Length), ("application PDF", pdf.Length), ("1 MiB attachment", 1 << 20) })
        {
            var plaintext = RandomNumberGenerator.GetBytes(size);
            var ciphertext = new byte[size];
            var tag = new byte[16];
            var nonce = new byte[12];
            using var gcm = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
            results.Add(Measure($"AES-256-GCM, {name} ({Size(size)})", () =>
            {
                RandomNumberGenerator.Fill(nonce);
                gcm.Encrypt(nonce, plaintext, ciphertext, tag);
            }));
        }

        var canonical = new CanonicalXmlMapper(SchemaCatalog.CreateDefault());
        results.Add(Measure("canonical XML of the demo application, XSD-checked", () => Check(canonical.Map(dogTax))));
        var bauantrag = PrimitiveInputs.Bauantrag(run.Root);
        var schemas = new XoevSchemaSets();
        var xbau = new XoevMapper(XoevStandards.XBau26, new CanonicalXmlMapper(SchemaCatalog.CreateDefault()), schemas,
            Microsoft.Extensions.Options.Options.Create(PrimitiveInputs.XoevOptions()));
        var message = Check(xbau.Map(bauantrag));
        var messageType = XoevStandards.XBau26.Messages["0200"];
        results.Add(Measure($"XSD validation of the XBau 2.6 message 0200 ({Size(message.Length)})", () =>
        {
            using var stream = new MemoryStream(message);
            if (schemas.Validate(XoevStandards.XBau26, messageType, stream, 3).Count > 0)
            {
                throw new InvalidOperationException("The XBau message does not validate.");
            }
        }));
        results.Add(Measure("XBau 2.6 mapping (canonical XML, XSLT, XSD check)", () => Check(xbau.Map(bauantrag))));
        results.Add(Measure($"PDF of the demo application ({Size(pdf.Length)})", () => Check(PdfMapper.Render(dogTax))));
        var fim = new FimJsonMapper();
        results.Add(Measure("FIM JSON of the demo application, schema-checked", () => Check(fim.MapAsync(dogTax, CancellationToken.None).GetAwaiter().GetResult())));
        results.Add(DurableFileWrite(run, "application PDF", pdf.Length));
        results.Add(DurableFileWrite(run, "canonical XML", canonicalXml.Length));
        results.Add(SqliteCommit(run));
        if (postgresDatabase is not null)
        {
            results.Add(PostgresCommit(postgresDatabase));
        }

        return results;
    }

    /// <summary>
    /// A file that must survive a crash, as the least any store does for it: a new file written, flushed to the disk
    /// (fsync) and renamed into place. The Postkorb keeps each document of an item as such a file (encrypted, the
    /// AES-GCM pass is its own primitive).
    /// </summary>
    private static Primitive DurableFileWrite(RunFolder run, string name, int size)
    {
        var directory = Directory.CreateDirectory(run.Path("durable-writes")).FullName;
        var content = RandomNumberGenerator.GetBytes(size);
        var next = 0;
        return Measure($"durable file write, {name} ({Size(size)}: write, fsync, rename)", () =>
        {
            var path = Path.Combine(directory, (next++ % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var temporary = path + ".tmp";
            using (var file = File.OpenHandle(temporary, FileMode.Create, FileAccess.Write))
            {
                RandomAccess.Write(file, content, 0);
                RandomAccess.FlushToDisk(file);
            }

            File.Move(temporary, path, overwrite: true);
        });
    }

    /// <summary>One 1 KiB row per transaction, WAL and synchronous=NORMAL as the gateway sets them (SqliteGatewayDbContext).</summary>
    private static Primitive SqliteCommit(RunFolder run)
    {
        using var connection = new SqliteConnection($"Data Source={run.Path("commit-bench.db")}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;" +
            "CREATE TABLE rows (id TEXT PRIMARY KEY, data BLOB NOT NULL);");
        var row = RandomNumberGenerator.GetBytes(1024);
        return Measure("SQLite commit, one 1 KiB row (WAL, synchronous=NORMAL)", () =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO rows (id, data) VALUES ($id, $data)";
            insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
            insert.Parameters.AddWithValue("$data", row);
            insert.ExecuteNonQuery();
            transaction.Commit();
        });
    }

    /// <summary>The same on PostgreSQL (fsync on, one connection): a commit's latency, mostly waiting for the disk.</summary>
    private static Primitive PostgresCommit(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, "CREATE TABLE commit_bench (id uuid PRIMARY KEY, data bytea NOT NULL)");
        var row = RandomNumberGenerator.GetBytes(1024);
        return Measure("PostgreSQL commit, one 1 KiB row (one connection)", () =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = new NpgsqlCommand("INSERT INTO commit_bench (id, data) VALUES (@id, @data)", connection, transaction);
            insert.Parameters.AddWithValue("id", Guid.NewGuid());
            insert.Parameters.AddWithValue("data", row);
            insert.ExecuteNonQuery();
            transaction.Commit();
        }, "waits for the WAL flush; CPU is the client's only");
    }

    private static Primitive Measure(string name, Action action, string note = "")
    {
        for (var i = 0; i < 5; i++)
        {
            action(); // JIT, caches, compiled schemas
        }

        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var operations = 0;
        while (watch.Elapsed < Duration)
        {
            action();
            operations++;
        }

        watch.Stop();
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        return new Primitive(name, watch.Elapsed.TotalMilliseconds / operations, cpu.TotalMilliseconds / operations, note);
    }

    private static byte[] Check(MappingResult result) =>
        result.Content ?? throw new InvalidOperationException($"Mapping failed: {result.Error}");

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes / 1024.0:0.#} KiB";
}
