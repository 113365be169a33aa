package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.json.Json;
import io.arbiter.openimis.OpenImisDemo;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 §1: {@code arbiter import openimis}, run in-process against openIMIS's demo database
 * (loaded once per run from {@code shared/}; skipped with the reason where it or PostgreSQL is
 * absent), into H2 file databases of a temporary folder.
 */
class ImportOpenImisCommandTest {
  @TempDir
  Path dir;

  @Test
  void out_writesSchemePopulationAndReport_printsReport_loadsNothing() throws Exception {
    Path out = dir.resolve("review");
    String db = JdbcStoreOptions.h2File(dir.resolve("arbiter").toString());

    CliRun run = run("import", "openimis", "--from", OpenImisDemo.url(), "--user", OpenImisDemo.USER,
        "--out", out.toString(), "--db", db);

    assertThat(run.status()).as("the demo has rows Arbiter skips (deleted policies and memberships): " + run.err())
        .isEqualTo(1);
    assertThat(run.out()).contains("tblInsuree", "total", "mapping decisions", "tblPolicy 42: deleted");
    SchemeDocument scheme = Json.mapper().readValue(out.resolve("scheme.json").toFile(), SchemeDocument.class);
    assertThat(scheme.products()).hasSize(4);
    assertThat(Files.readAllLines(out.resolve("population.ndjson"))).filteredOn(l -> l.contains("\"insuree\""))
        .hasSize(69);
    assertThat(Json.mapper().readTree(out.resolve("report.json").toFile()).at("/tables/tblInsuree/loaded").asLong())
        .isEqualTo(69);
    assertThat(dir.resolve("arbiter.mv.db")).as("--out loads nothing").doesNotExist();
  }

  @Test
  void load_withClaims_savesSchemePopulationAndClaims_reportsDifferences() throws Exception {
    String db = JdbcStoreOptions.h2File(dir.resolve("arbiter").toString());

    CliRun run = run("import", "openimis", "--from", OpenImisDemo.url(), "--user", OpenImisDemo.USER, "--db", db,
        "--claims");

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("population import: {", "\"rejected\":0",
        "openIMIS claims replayed: 10 adjudicated, 0 refused; of 7 openIMIS had decided, Arbiter agrees on 0 and"
            + " differs on 7", "CIA06601 (ClaimID 17): status openIMIS 16, Arbiter 1", "(the next refresh: --since ");
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db))) {
      assertThat(store.latestScheme()).hasValueSatisfying(s -> assertThat(s.document().name()).isEqualTo("openIMIS"));
      Population population = store.population(null);
      assertThat(population.insuree("172000001").dob()).hasToString("1979-05-08");
      assertThat(population.policy("37").productCode()).isEqualTo("BCTA0001");
      assertThat(store.claim("JADH0001")).as("the replayed claim is stored").isPresent();
    }
  }

  @Test
  void notOpenImis_exit2_namesMissingTables_nothingLoaded() {
    String db = JdbcStoreOptions.h2File(dir.resolve("arbiter").toString());

    CliRun run = run("import", "openimis", "--from", OpenImisDemo.empty(), "--user", OpenImisDemo.USER, "--db", db);

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("not an openIMIS database: missing tables tblItems, tblServices, tblProduct",
        "tblInsureePolicy", "nothing loaded");
    assertThat(dir.resolve("arbiter.mv.db")).doesNotExist();
  }
}
