package io.arbiter.openimis;

import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.population.ImportFormat;
import io.arbiter.population.ImportListener;
import io.arbiter.population.ImportSummary;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §4: the import of a generated openIMIS database of 1 M insurees and 200 k policies into
 * Arbiter's PostgreSQL store, then a refresh of 1 % changed insurees. Minutes long, so run on
 * demand only: {@code -Dopenimis.perf=true} (with {@code -DargLine=-Xmx512m} to show the bounded
 * memory). Figures in benchmarks/RESULTS.md.
 */
@EnabledIfSystemProperty(named = "openimis.perf", matches = "true")
class OpenImisPerformanceTest {
  private static final int FAMILIES = 200_000;
  private static final int SIZE = 5;

  @TempDir
  Path dir;

  @Test
  void import_millionInsurees_thenRefreshOfOnePercent() throws Exception {
    String url = OpenImisDemo.copy();
    long t0 = System.nanoTime();
    OpenImisGenerator.fill(url, FAMILIES, SIZE);
    System.out.printf("generated %d families, %d insurees, %d policies, %d memberships in %.1f s%n", FAMILIES,
        FAMILIES * SIZE, FAMILIES, FAMILIES * SIZE, (System.nanoTime() - t0) / 1e9);
    String schema = "arbiter_perf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    OpenImisDemo.admin("CREATE SCHEMA " + schema);
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(OpenImisDemo.SERVER + "?currentSchema=" + schema)
        .setUser(OpenImisDemo.USER).setPoolSize(2))) {
      Measured full = importOnce(url, null, store);
      System.out.printf("full import: read %.1f s, load %.1f s, total %.1f s; %d rows loaded%n", full.readSeconds,
          full.loadSeconds, full.readSeconds + full.loadSeconds, full.summary.rows().imported());
      assertThat(full.summary.insurees().imported()).isEqualTo(69 + FAMILIES * SIZE);
      assertThat(full.summary.policies().imported()).isEqualTo(21 + FAMILIES);

      OpenImisDemo.execute(url, "UPDATE \"tblInsuree\" SET \"DOB\" = \"DOB\" + 1, \"ValidityFrom\" = CURRENT_TIMESTAMP"
          + " WHERE \"InsureeID\" >= " + OpenImisGenerator.FIRST_ID + " AND \"InsureeID\" % 100 = 0");
      Measured refresh = importOnce(url, full.watermark, store);
      System.out.printf("refresh of 1 %%: read %.1f s, load %.1f s, total %.1f s; %d rows loaded%n",
          refresh.readSeconds, refresh.loadSeconds, refresh.readSeconds + refresh.loadSeconds,
          refresh.summary.rows().imported());
      assertThat(refresh.summary.insurees().imported()).isEqualTo(FAMILIES * SIZE / 100);
    } finally {
      OpenImisDemo.admin("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private record Measured(double readSeconds, double loadSeconds, ImportSummary summary, Instant watermark) {}

  private Measured importOnce(String url, Instant since, JdbcStore store) throws Exception {
    Path population = dir.resolve("population-" + (since == null ? "full" : "refresh") + ".ndjson");
    long t0 = System.nanoTime();
    OpenImisImport.Result result;
    try (Connection c = OpenImisImport.connect(url, OpenImisDemo.USER, null); Writer w = Files.newBufferedWriter(population)) {
      OpenImisImport importer = new OpenImisImport(c);
      if (since != null) {
        importer.since(since);
      }
      result = importer.run("perf", w);
    }
    long t1 = System.nanoTime();
    Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).scheme(result.scheme()).build();
    ImportSummary summary;
    try (InputStream in = Files.newInputStream(population)) {
      summary = arbiter.imports().population(in, ImportFormat.NDJSON, ImportListener.NONE);
    }
    long t2 = System.nanoTime();
    assertThat(summary.rows().rejected()).as(summary.errors().toString()).isZero();
    return new Measured((t1 - t0) / 1e9, (t2 - t1) / 1e9, summary, result.watermark());
  }
}
