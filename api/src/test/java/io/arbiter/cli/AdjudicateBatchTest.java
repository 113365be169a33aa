package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code arbiter adjudicate --batch}, in-process, over the test scheme (scheme.json: insurees 111–113). */
class AdjudicateBatchTest {
  @TempDir
  static Path dir;
  private static Path scheme;

  @BeforeAll
  static void writeScheme() throws IOException {
    scheme = dir.resolve("scheme.json");
    try (InputStream in = AdjudicateBatchTest.class.getResourceAsStream("/scheme.json")) {
      Files.write(scheme, in.readAllBytes());
    }
  }

  @Test
  void batch_decisionsAndProblemsInFileOrder_summaryOnStandardError() throws IOException {
    Path claims = write("mixed.ndjson", String.join("\n",
        claim("M0", "111", "2026-06-01", "CONS"),
        "{broken",
        claim("M2", "999", "2026-06-01", "CONS"),
        claim("M3", "112", "2026-06-01", "LAB")) + "\n");

    CliRun run = run("adjudicate", "--batch", "--scheme", scheme.toString(), claims.toString());

    assertThat(run.status()).as(run.err()).isEqualTo(Cli.EXIT_REFUSED);
    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("code").asText()).isEqualTo("M0");
    assertThat(lines.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(lines.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(lines.get(2).get("index").asInt()).isEqualTo(2);
    assertThat(lines.get(2).at("/errors/0/field").asText()).isEqualTo("/chfId");
    assertThat(lines.get(3).get("code").asText()).isEqualTo("M3");
    assertThat(run.err()).contains("claims           4 in", "refused at entry 2",
        "claim status     checked 2, rejected 0", "not scored");
  }

  @Test
  void batch_out_decisionsInTheFileAndSummaryOnStandardOutput() throws IOException {
    Path claims = write("two.ndjson", claim("O0", "111", "2026-07-01", "CONS") + "\n"
        + claim("O1", "113", "2026-07-01", "CONS"));
    Path out = dir.resolve("decisions.ndjson");

    CliRun run = run("adjudicate", "--batch", "--scheme", scheme.toString(), "--out", out.toString(),
        claims.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(2).first().asString().contains("\"code\":\"O0\"");
    assertThat(run.out()).contains("claims           2 in", "refused at entry 0", "claims per CPU-second");
  }

  /**
   * Blood tests (frequency 30 days) of three insurees, 3 days apart and interleaved, on two
   * threads: as in file order, only each insuree's first passes (the others: code 5).
   */
  @Test
  void batch_twoThreads_eachInsureesClaimsSeeTheEarlierOnes() throws IOException {
    String body = IntStream.range(0, 30).mapToObj(i -> claim("F" + i, List.of("111", "112", "113").get(i % 3),
        java.time.LocalDate.of(2026, 8, 1).plusDays(3L * (i / 3)).toString(), "LAB")).collect(Collectors.joining("\n"));

    CliRun run = run("adjudicate", "--batch", "--threads", "2", "--scheme", scheme.toString(),
        write("frequency.ndjson", body).toString());

    List<JsonNode> lines = run.jsonLines();
    assertThat(lines).hasSize(30);
    for (int i = 0; i < 30; i++) {
      assertThat(lines.get(i).get("code").asText()).isEqualTo("F" + i);
      assertThat(lines.get(i).get("status").asInt()).as("F" + i).isEqualTo(i < 3 ? 4 : 1);
    }
    assertThat(run.err()).contains("rejected by code:", "      5  27");
  }

  /**
   * Consultations of the three members of family F1 against one policy ceiling of 250: which claim
   * the ceiling cuts depends on the order of the members' claims, so three lanes must give the
   * very decisions one lane gives (Issue 9: lanes by family, not by insuree).
   */
  @Test
  void batch_threeThreads_familyCeilingCutsTheSameClaimsAsOneThread() throws IOException {
    com.fasterxml.jackson.databind.node.ObjectNode ceiling = (com.fasterxml.jackson.databind.node.ObjectNode)
        Json.mapper().readTree(scheme.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) ceiling.at("/products/0")).put("maxPolicy", 250);
    Path ceilingScheme = write("ceiling-scheme.json", ceiling.toString());
    String body = IntStream.range(0, 60).mapToObj(i -> claim("C" + i, List.of("111", "112", "113").get(i % 3),
        java.time.LocalDate.of(2026, 9, 1).plusDays(i / 3).toString(), "CONS")).collect(Collectors.joining("\n"));
    Path claims = write("ceiling.ndjson", body);

    List<JsonNode> oneLane = run("adjudicate", "--batch", "--threads", "1", "--scheme", ceilingScheme.toString(),
        claims.toString()).jsonLines();
    List<JsonNode> threeLanes = run("adjudicate", "--batch", "--threads", "3", "--scheme", ceilingScheme.toString(),
        claims.toString()).jsonLines();

    assertThat(oneLane).hasSize(60);
    assertThat(oneLane.get(2).at("/services/0/remuneratedAmount").decimalValue()).as("the third claim reaches the ceiling")
        .isEqualByComparingTo("50");
    for (List<JsonNode> lines : List.of(oneLane, threeLanes)) {
      lines.forEach(d -> ((com.fasterxml.jackson.databind.node.ObjectNode) d).remove("decidedAt"));
    }
    assertThat(threeLanes).isEqualTo(oneLane);
  }

  @Test
  void batch_emptyFile_noLinesAndZeroClaims() throws IOException {
    CliRun run = run("adjudicate", "--batch", "--scheme", scheme.toString(), write("empty.ndjson", "").toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("claims           0 in");
  }

  @Test
  void batch_models_scoredAndSaysByWhichModel() throws IOException {
    String claim = Json.mapper().readTree(Path.of("../examples/claim-accepted.json").toFile()).toString();

    CliRun run = run("adjudicate", "--batch", "--demo", "--models", "../models", write("demo.ndjson", claim)
        .toString());

    assertThat(run.status()).as(run.err()).isZero();
    String active = Files.readString(Path.of("../models/ACTIVE")).strip();
    assertThat(run.jsonLines().get(0).at("/risk/modelVersion").asText()).isEqualTo(active);
    assertThat(run.err()).contains("scored by model " + active);
  }

  @Test
  void batchOptionsWithoutBatch_usageError() throws IOException {
    CliRun run = run("adjudicate", "--out", dir.resolve("x").toString(), "--scheme", scheme.toString(),
        write("one.ndjson", claim("U0", "111", "2026-06-01", "CONS")).toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("need --batch");
  }

  @Test
  void db_batchAndSingleRuns_storeTheirDecisionsInTheDatabase() throws IOException {
    String url = io.arbiter.store.jdbc.JdbcStoreOptions.h2File(dir.resolve("adjudicated").toString());
    Path first = write("db-batch.ndjson", claim("DB0", "111", "2026-08-01", "CONS") + "\n"
        + claim("DB1", "112", "2026-08-01", "LAB") + "\n");
    Path second = write("db-single.ndjson", claim("DB2", "113", "2026-08-02", "CONS"));

    CliRun batchRun = run("adjudicate", "--batch", "--scheme", scheme.toString(), "--db", url, first.toString());
    CliRun singleRun = run("adjudicate", "--scheme", scheme.toString(), "--db", url, second.toString());

    assertThat(batchRun.status()).as(batchRun.err()).isZero();
    assertThat(singleRun.status()).as(singleRun.err()).isZero();
    try (io.arbiter.store.jdbc.JdbcStore store = io.arbiter.store.jdbc.JdbcStore.open(new io.arbiter.store.jdbc.JdbcStoreOptions()
        .setUrl(url))) {
      for (String code : List.of("DB0", "DB1", "DB2")) {
        assertThat(store.claim(code)).as(code).hasValueSatisfying(c ->
            assertThat(c.decision().status()).isEqualTo(io.arbiter.claim.ClaimStatus.CHECKED));
      }
    }
  }

  private static String claim(String code, String chfId, String date, String service) {
    return "{\"code\": \"" + code + "\", \"chfId\": \"" + chfId + "\", \"healthFacility\": \"HF1\", \"dateFrom\": \""
        + date + "\", \"dateClaimed\": \"" + date + "\", \"icd\": \"A00\", \"services\": [{\"serviceCode\": \""
        + service + "\", \"qtyProvided\": 1, \"priceAsked\": 100}]}";
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
