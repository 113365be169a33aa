package io.arbiter.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.openimis.ClaimReplay;
import io.arbiter.openimis.NotOpenImisException;
import io.arbiter.openimis.OpenImisDatabaseException;
import io.arbiter.openimis.OpenImisImport;
import io.arbiter.openimis.OpenImisOptions;
import io.arbiter.openimis.OpenImisSession;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeException;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/*
 * Why the population goes through a file even when it is loaded at once: the openIMIS connection
 * stays read-only and short, the population is streamed in bounded memory whatever its size, and
 * loading then takes the same path (and the same checks) as `arbiter import FILE`.
 */

@Command(name = "openimis",
    description = {"Reads an openIMIS database (PostgreSQL or SQL Server, over JDBC, on a read-only connection)"
        + " and loads its scheme (register, price lists, facilities, products with their lines, ICD codes) and"
        + " population (families, insurees, policies, memberships) into Arbiter's database; or, with --out,"
        + " writes them to files for review.",
        "History rows (ValidityTo and LegacyID set) become effective-dated versions of register entries, price-list"
            + " entries and product lines. Rows Arbiter cannot use are reported with their table and id and skipped."
            + " The report (rows read, loaded, history, skipped per table; every mapping decision with its count)"
            + " is printed at the end.",
        "Exit status 0 when every row was loaded, 1 when a row was skipped or rejected, 2 when the database is not"
            + " openIMIS (the missing tables are named) or its scheme is invalid (nothing loaded), 3 when a database"
            + " fails."})
final class ImportOpenImisCommand implements Callable<Integer> {
  @Mixin
  DatabaseOptions database;

  @Option(names = "--from", required = true, paramLabel = "JDBC_URL",
      description = "The openIMIS database, e.g. jdbc:postgresql://host:5432/openimis or"
          + " jdbc:sqlserver://host;databaseName=openimis (the SQL Server driver must be on the class path).")
  String from;

  @Option(names = "--user", paramLabel = "USER", description = "openIMIS database user (read access suffices).")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:OPENIMIS_DB_PASSWORD}",
      description = "openIMIS database password (default: $OPENIMIS_DB_PASSWORD).")
  String password;

  @Option(names = "--out", paramLabel = "DIR", description = "Write scheme.json, population.ndjson and"
      + " report.json to DIR instead of loading them (arbiter serve --scheme DIR/scheme.json and arbiter import"
      + " DIR/population.ndjson load them later).")
  Path out;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "openIMIS",
      description = "The scheme's name (default: ${DEFAULT-VALUE}).")
  String name;

  @Spec
  CommandSpec spec;

  @Option(names = "--claims", description = "Also replay openIMIS's current claims (with their items and services)"
      + " through Arbiter, and report claim by claim where Arbiter's decision differs from the one openIMIS stored"
      + " (status, line status and rejection code, approved and valuated amounts). Not with --out.")
  boolean claims;

  @Option(names = "--since", paramLabel = "INSTANT", description = "Incremental refresh: read the scheme whole"
      + " (new register versions become new versions) but only the families, insurees, policies and memberships"
      + " changed in openIMIS after INSTANT (their ValidityFrom or ValidityTo), e.g. the watermark the previous"
      + " run printed. Claims already decided in Arbiter are never changed by a refresh.")
  java.time.Instant since;

  @Override
  public Integer call() {
    if (claims && out != null) {
      throw new ParameterException(spec.commandLine(), "--claims replays claims through Arbiter: not with --out");
    }
    PrintWriter err = spec.commandLine().getErr();
    Path population = null;
    try (OpenImisSession session = OpenImisSession.open(new OpenImisOptions(from, user, password, name, since))) {
      if (out != null) {
        Files.createDirectories(out);
      }
      population = out != null ? out.resolve("population.ndjson") : Files.createTempFile("openimis-", ".ndjson");
      OpenImisImport.Result result;
      try (Writer w = Files.newBufferedWriter(population)) {
        result = session.read(w);
      }
      try {
        SchemeSnapshot.of(result.scheme(), "openimis");
      } catch (SchemeException e) {
        err.println("arbiter: the scheme read from openIMIS is invalid; nothing loaded:");
        e.problems().forEach(p -> err.println("  " + p.field() + ": " + p.detail()));
        return Cli.EXIT_INPUT;
      }
      return finish(session, result, population);
    } catch (NotOpenImisException e) {
      err.println("arbiter: " + from + ": " + e.getMessage() + "; nothing loaded");
      return Cli.EXIT_INPUT;
    } catch (OpenImisDatabaseException e) {
      err.println("arbiter: openIMIS database " + from + ": " + e.getMessage());
      return Cli.EXIT_FAILURE;
    } catch (StoreException e) {
      err.println("arbiter: " + e.getMessage());
      return Cli.EXIT_FAILURE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (out == null && population != null) {
        population.toFile().delete();
      }
    }
  }

  /** Writes the files (--out) or loads scheme and population (and replays claims), then prints the report. */
  private int finish(OpenImisSession session, OpenImisImport.Result result, Path population)
      throws IOException, OpenImisDatabaseException {
    PrintWriter stdout = spec.commandLine().getOut();
    long rejected = result.report().getRowsSkipped();
    if (out != null) {
      var writer = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT);
      writer.writeValue(out.resolve("scheme.json").toFile(), result.scheme());
      writer.writeValue(out.resolve("report.json").toFile(), result.report());
    } else {
      rejected += load(session, result, population, stdout);
    }
    stdout.print(result.report().toText());
    stdout.println("watermark: " + result.watermark() + " (the next refresh: --since " + result.watermark() + ")");
    stdout.flush();
    return rejected == 0 ? 0 : Cli.EXIT_REFUSED;
  }

  /** Loads the scheme and the population into Arbiter's database, replays the claims if asked; the rows rejected. */
  private long load(OpenImisSession session, OpenImisImport.Result result, Path population, PrintWriter stdout)
      throws IOException, OpenImisDatabaseException {
    try (JdbcStore store = database.open()) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).scheme(result.scheme())
          .build();
      ImportSummary summary;
      try (InputStream in = Files.newInputStream(population);
          ImportProgress progress = new ImportProgress(spec.commandLine().getErr(), Files.size(population))) {
        summary = arbiter.imports().population(in, ImportFormat.NDJSON, progress);
      }
      stdout.println("population import: " + Json.mapper().writeValueAsString(summary));
      if (claims) {
        ClaimReplay replay = new ClaimReplay(arbiter);
        session.claims(replay::accept);
        stdout.print(replay.summary().toText());
      }
      return summary.rows().rejected();
    }
  }
}
