package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.engine.Arbiter;
import io.arbiter.json.Json;
import io.arbiter.scheme.Voucher;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter import}, run in-process into H2 file databases of a temporary folder. */
class ImportCommandTest {
  @TempDir
  Path dir;

  @Test
  void ndjsonWithBadRows_exit1_summaryOnStdout_progressOnStderr_goodRowsInTheDatabase() throws IOException {
    String db = db("ndjson");
    Path file = write("population.ndjson", String.join("\n",
        "{\"type\": \"family\", \"id\": \"F7\", \"headChfId\": \"711\"}",
        "{\"type\": \"insuree\", \"chfId\": \"711\", \"familyId\": \"F7\", \"gender\": \"F\", \"dob\": \"1990-01-01\"}",
        "{\"type\": \"insuree\", \"chfId\": \"712\", \"familyId\": \"F7\", \"gender\": \"F\", \"dob\": \"01/02/1990\"}",
        "{\"type\": \"policy\", \"id\": \"P7\", \"familyId\": \"F7\", \"productCode\": \"CHF-CO\", \"status\": 2,"
            + " \"effectiveDate\": \"2026-01-01\", \"expiryDate\": \"2026-12-31\"}",
        "{\"type\": \"policy\", \"id\": \"P8\", \"familyId\": \"F7\", \"productCode\": \"PRD\", \"status\": 2}"));

    CliRun run = run("import", "--db", db, file.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    JsonNode summary = Json.mapper().readTree(run.out());
    assertThat(summary.at("/rows/imported").asLong()).isEqualTo(3);
    assertThat(summary.at("/errors/0/line").asLong()).isEqualTo(3);
    assertThat(summary.at("/errors/0/field").asText()).isEqualTo("dob");
    assertThat(summary.at("/errors/1/line").asLong()).isEqualTo(5);
    assertThat(summary.at("/errors/1/reason").asText())
        .as("a new database gets the demo scheme, whose products are CHF-CO and CHF-FIX")
        .isEqualTo("'PRD' is not a product of the current scheme");
    assertThat(run.err()).contains("100%", "5 rows", "2 rejected");
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db))) {
      Population population = store.population(null);
      assertThat(population.family("F7").headChfId()).isEqualTo("711");
      assertThat(population.policy("P7").productCode()).isEqualTo("CHF-CO");
      assertThat(population.insuree("712")).isNull();
    }
  }

  /** Also issue 15 §7c: the output counts the rows that changed nothing apart ({@code unchanged}). */
  @Test
  void vouchers_badRowsReported_exit1_usedNeverSetBack() throws IOException {
    String db = db("vouchers");
    Path file = write("vouchers.csv", "number,status\nCM0001,USED\nCM02,New\nCM0003,cancel\n");

    CliRun run = run("import", "--vouchers", "--db", db, file.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    JsonNode summary = Json.mapper().readTree(run.out());
    assertThat(summary.get("imported").asLong()).isEqualTo(2);
    assertThat(summary.get("unchanged").asLong()).isZero();
    assertThat(summary.at("/errors/0/line").asLong()).isEqualTo(3);
    assertThat(summary.at("/errors/0/field").asText()).isEqualTo("number");
    Path again = write("again.csv", "number,status\nCM0001,new\nCM0003,CANCEL\nCM0004,New\n");
    CliRun rerun = run("import", "--vouchers", "--db", db, again.toString());
    assertThat(rerun.status()).isZero();
    JsonNode counts = Json.mapper().readTree(rerun.out());
    assertThat(counts.get("imported").asLong()).as("CM0004 added").isEqualTo(1);
    assertThat(counts.get("unchanged").asLong()).as("CM0001 Used, CM0003 already Cancel").isEqualTo(2);
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db))) {
      assertThat(store.population(null).voucher("CM0001").status()).isEqualTo(Voucher.Status.USED);
      assertThat(store.population(null).voucher("CM0003").status()).isEqualTo(Voucher.Status.CANCEL);
    }
  }

  @Test
  void csvIntoADatabaseWithAScheme_exit0_checkedAgainstItsProducts() throws IOException {
    String db = db("csv");
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db));
        InputStream in = ImportCommandTest.class.getResourceAsStream("/scheme.json")) {
      Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(Json.mapper().readValue(in, SchemeDocument.class))
          .store(store).build();
    }
    Path file = write("population.CSV", "familyId,chfId,gender,dob,policyId,productCode,status,effectiveDate\n"
        + "F8,811,M,1970-01-01,P9,PRD,2,2026-01-01\n"
        + "F8,812,F,1972-01-01,,,,\n");

    CliRun run = run("import", "--db", db, file.toString());

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode summary = Json.mapper().readTree(run.out());
    assertThat(summary.get("format").asText()).isEqualTo("CSV");
    assertThat(summary.at("/insurees/imported").asLong()).isEqualTo(2);
    assertThat(summary.at("/memberships/imported").asLong()).isEqualTo(1);
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db))) {
      assertThat(store.population(null).memberCount("P9", java.time.LocalDate.parse("2026-01-01"))).isEqualTo(1);
    }
  }

  @Test
  void unreadableFile_exit2_namesTheFileAndTheReason() throws IOException {
    Path file = write("bad.csv", "family,chfId\nF9,911\n");

    CliRun run = run("import", "--db", db("bad"), file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("bad.csv", "the CSV header names the unknown column 'family'")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void usageAndInputErrors_exit2() throws IOException {
    CliRun extension = run("import", "--db", db("x"), write("population.txt", "x").toString());
    assertThat(extension.status()).isEqualTo(2);
    assertThat(extension.err()).contains(".ndjson, .jsonl or .csv");

    CliRun missing = run("import", "--db", db("x"), dir.resolve("absent.csv").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("absent.csv", "no such file").doesNotContain("\tat ");

    assertThat(run("import").status()).as("FILE is required").isEqualTo(2);
  }

  @Test
  void unreachableDatabase_exit3WithoutStackTrace() throws IOException {
    CliRun run = run("import", "--db", "jdbc:postgresql://127.0.0.1:1/none", write("p.csv", "familyId,chfId\n").toString());
    assertThat(run.status()).isEqualTo(3);
    assertThat(run.err()).contains("cannot open the database").doesNotContain("\tat ");
  }

  private String db(String name) {
    return JdbcStoreOptions.h2File(dir.resolve(name).toString());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }


}
