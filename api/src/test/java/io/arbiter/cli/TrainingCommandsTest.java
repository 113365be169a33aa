package io.arbiter.cli;

import static io.arbiter.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.Claim;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.Review;
import io.arbiter.rules.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import io.arbiter.store.JdbcStore;
import io.arbiter.store.JdbcStoreOptions;
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
      arbiter.submit(claims.next(3));
    }
    try (JdbcStore store = JdbcStore.open(new JdbcStoreOptions().setUrl(db),
        Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).store(store).build();
      for (int i = 0; i < 5; i++) {
        Claim c = claims.next(3);
        codes.add(c.code());
        arbiter.submit(c);
      }
      for (String code : codes) {
        if (arbiter.claim(code).orElseThrow().status() == 4) {
          arbiter.review(code, new Review(List.of(), List.of()));
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
