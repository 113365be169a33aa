package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.review.Review;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCommandsTest {
  @TempDir
  Path dir;

  @Test
  void simulate_writesATrainingFileAndPrintsTheSummary() throws Exception {
    Path file = dir.resolve("sim.ndjson");
    CliRun run = run("simulate", "--claims", "400", "--seed", "5", "--out", file.toString(), "--review-share", "0.3");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("claims           400", "upcoding", "label rate", "claims/s");
    try (TrainingData.Reader reader = new TrainingData.Reader(file)) {
      assertThat(reader.header().source()).isEqualTo("simulator seed=5 claims=400");
      List<TrainingRecord> records = new ArrayList<>();
      reader.forEachRemaining(records::add);
      assertThat(records).hasSize(400);
      assertThat(records.stream().filter(r -> r.review() != null).count()).isBetween(60L, 180L);
    }
  }

  /**
   * Issue 16 §3, §7: the data scientist's loop from the command line — simulate (with the scheme
   * and its population, and the claims alone, to re-score them), train leaving two patterns out,
   * and evaluate the model with the stable JSON document.
   */
  @Test
  void simulateTrainEvaluate_theLoopGivesTheStableJsonDocument() throws Exception {
    Path file = dir.resolve("sim.ndjson");
    Path scheme = dir.resolve("scheme.json");
    Path claims = dir.resolve("claims.ndjson");
    CliRun sim = run("simulate", "--claims", "3000", "--seed", "7", "--out", file.toString(), "--review-share", "0.5",
        "--scheme-out", scheme.toString(), "--claims-out", claims.toString());
    assertThat(sim.status()).as(sim.err()).isZero();
    assertThat(io.arbiter.json.Json.mapper().readValue(scheme.toFile(), SchemeDocument.class).insurees()).isNotEmpty();
    assertThat(java.nio.file.Files.readAllLines(claims)).hasSize(3000)
        .allSatisfy(line -> assertThat(io.arbiter.json.Json.mapper().readValue(line, Claim.class).code()).isNotBlank());

    Path model = dir.resolve("m");
    CliRun train = run("train", "--data", file.toString(), "--out", model.toString(), "--leave-out",
        "padded_visits,resubmitted_claim", "--anomaly-weight", "0.5");
    assertThat(train.status()).as(train.err()).isZero();
    assertThat(io.arbiter.json.Json.mapper().readTree(model.resolve("model-card.json").toFile())
        .get("anomalyWeight").asDouble()).isEqualTo(0.5);

    CliRun evaluate = run("evaluate", "--model", model.toString(), "--data", file.toString(), "--json");
    assertThat(evaluate.status()).as(evaluate.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode report = io.arbiter.json.Json.mapper().readTree(evaluate.out());
    assertThat(report.get("budgets")).extracting(b -> b.get("budget").asDouble()).containsExactly(0.01, 0.02, 0.05, 0.1);
    for (com.fasterxml.jackson.databind.JsonNode budget : report.get("budgets")) {
      for (String ranking : List.of("service", "random", "highestApproved", "highestClaimed")) {
        double share = budget.at("/rankings/" + ranking + "/valueShare").asDouble(-1);
        assertThat(share).as("%s at %s", ranking, budget.get("budget")).isBetween(0.0, 1.0);
      }
      assertThat(budget.at("/rankings/random/valueShare").asDouble())
          .isEqualTo(budget.get("claims").asDouble() / report.get("claims").asDouble());
    }
    assertThat(report.get("patterns")).anySatisfy(p -> {
      assertThat(p.get("pattern").asText()).isEqualTo("padded_visits");
      assertThat(p.get("leftOut").asBoolean()).isTrue();
    });
    assertThat(report.at("/calibration/equalMass")).allSatisfy(bin -> assertThat(bin.get("count").asInt()).isPositive());
    assertThat(io.arbiter.json.Json.mapper().readTree(model.resolve("evaluation.json").toFile())
        .at("/budgets/2/rankings/service/valueShare").asDouble())
        .as("evaluate on the training file measures the training run's holdout")
        .isEqualTo(report.at("/budgets/2/rankings/service/valueShare").asDouble());
  }

  @Test
  void simulate_refusesAnUnknownPattern() {
    CliRun run = run("simulate", "--claims", "10", "--out", dir.resolve("x").toString(), "--abuse", "nonsense=0.1");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("unknown abuse pattern nonsense");
  }

  @Test
  void exportTraining_writesTheClaimsSubmittedSinceTheDateWithTheirReviews() throws Exception {
    String db = JdbcStoreOptions.h2File(dir.resolve("db").toString());
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    DemoClaims claims = new DemoClaims(scheme, 3, "X");
    List<String> codes = new ArrayList<>();
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db),
        Clock.fixed(Instant.parse("2026-04-30T12:00:00Z"), ZoneOffset.UTC))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).store(store).build();
      arbiter.claims().submit(claims.next(3));
    }
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db),
        Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).build();
      for (int i = 0; i < 5; i++) {
        Claim c = claims.next(3);
        codes.add(c.code());
        arbiter.claims().submit(c);
      }
      for (String code : codes) {
        if (arbiter.claims().decision(code).orElseThrow().status() == ClaimStatus.CHECKED) {
          arbiter.reviews().review(code, new Review(List.of(), List.of()));
          break;
        }
      }
    }
    Path file = dir.resolve("export.ndjson");
    CliRun run = run("export-training", "--db", db, "--since", "2026-05-01", "--out", file.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("claims 5, reviewed 1");
    try (TrainingData.Reader reader = new TrainingData.Reader(file)) {
      List<TrainingRecord> records = new ArrayList<>();
      reader.forEachRemaining(records::add);
      assertThat(records).extracting(r -> r.claim().code()).containsExactlyElementsOf(codes);
      assertThat(records.stream().filter(r -> r.review() != null)).singleElement()
          .satisfies(r -> assertThat(r.labels()).allMatch(l -> l == null || !l));
    }
  }


}
