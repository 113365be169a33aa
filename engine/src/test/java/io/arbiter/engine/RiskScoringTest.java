package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.claim.RejectionCode;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.arbiter.scoring.TestModels;
import io.arbiter.scoring.onnx.ModelRegistry;
import io.arbiter.scoring.onnx.ScoringTestAccess;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Risk scoring inside adjudication, with a real (tiny) ONNX model in a {@link ModelRegistry}. */
class RiskScoringTest {
  @TempDir
  Path models;
  private ModelRegistry registry;

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  /** The registry with model "m1" active, scoring the Arbiter's claims; the last context is kept. */
  private Arbiter arbiter(TestScheme scheme, AtomicReference<ClaimContext> seen) {
    registry = registry == null ? ModelRegistry.open(models) : registry;
    RiskScorer capturing = new RiskScorer() {
      @Override
      public ScoredClaim score(ClaimContext context) {
        seen.set(context);
        return registry.scorer().score(context);
      }

      @Override
      public String modelVersion() {
        return registry.scorer().modelVersion();
      }
    };
    return Arbiter.builder().rules(TestScheme.rules()).scheme(scheme.document()).scorer(capturing).build();
  }

  private Arbiter activeArbiter(AtomicReference<ClaimContext> seen) {
    registry = ModelRegistry.open(models);
    TestModels.upload(registry, "m1", 1);
    registry.activate("m1");
    return arbiter(TestScheme.base(), seen);
  }

  private static Claim overpriced() {
    // PARA lists at 10: asked at 30 it is 3.0x the price list.
    return claim().item("PARA", "1", "30").service("CONS", "1", "100").build();
  }

  private static List<LineDecision> lines(ClaimDecision d) {
    List<LineDecision> lines = new ArrayList<>(d.items());
    lines.addAll(d.services());
    return lines;
  }

  /** The positive column of a direct ORT call on the extractor's rows. */
  private static float[] directOrt(ClaimContext context, byte[] onnx, int positive) throws Exception {
    float[][] rows = new FeatureExtractor(ReferenceStats.EMPTY).extract(context);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int width = FeatureExtractor.schema().size();
    FloatBuffer input = FloatBuffer.allocate(rows.length * width);
    for (float[] row : rows) {
      input.put(row);
    }
    input.flip();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {rows.length, width});
        OrtSession.Result result = session.run(Map.of("input", tensor))) {
      float[][] out = (float[][]) result.get(0).getValue();
      float[] p = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        p[i] = out[i][positive];
      }
      return p;
    }
  }

  @Test
  void score_matchesADirectOrtCallWithin1e6() throws Exception {
    AtomicReference<ClaimContext> seen = new AtomicReference<>();
    ClaimDecision d = activeArbiter(seen).claims().evaluate(overpriced());
    TestModels.Trained t = TestModels.trained(1);
    float[] expected = directOrt(seen.get(), t.onnx(), t.positiveColumn());
    List<LineDecision> lines = lines(d);
    assertThat(lines).hasSize(2);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).risk().probability()).isCloseTo(expected[i], within(1e-6));
    }
    assertThat(d.modelVersion()).isEqualTo("m1");
  }

  @Test
  void score_appliesTheCardsCalibration() throws Exception {
    registry = ModelRegistry.open(models);
    TestModels.Trained t = TestModels.trained(1);
    ModelCard.Calibration platt = ModelCard.Calibration.platt(0.5, -1.0);
    TestModels.Bundle b = TestModels.bundle(TestModels.card("cal", t, platt, new ModelCard.Thresholds(0.5, null, 0.05)), t);
    registry.upload(b.onnx(), b.card(), b.stats());
    registry.activate("cal");
    AtomicReference<ClaimContext> seen = new AtomicReference<>();
    ClaimDecision d = arbiter(TestScheme.base(), seen).claims().evaluate(overpriced());
    float[] raw = directOrt(seen.get(), t.onnx(), t.positiveColumn());
    LineRisk item = d.items().get(0).risk();
    assertThat(item.probability()).isCloseTo(platt.apply(raw[0]), within(1e-6));
    assertThat(Math.abs(item.probability() - raw[0])).as("calibration changes the probability").isGreaterThan(1e-3);
  }

  @Test
  void score_reasonsNameTheDominantGroupFirst() {
    ClaimDecision d = activeArbiter(new AtomicReference<>()).claims().evaluate(overpriced());
    LineRisk item = d.items().get(0).risk();
    assertThat(item.reasons()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(item.reasons().get(0)).isEqualTo("price asked 3.0× the price list");
    assertThat(item.probability()).isGreaterThan(0.5);
    // The service is at its list price: its price ratio does not raise its logit.
    assertThat(d.services().get(0).risk().reasons()).doesNotContain("price asked 1.0× the price list");
  }

  @Test
  void score_claimScoreIsOneMinusTheProductOfPassedLinesComplements() {
    ClaimDecision d = activeArbiter(new AtomicReference<>()).claims().evaluate(overpriced());
    double keep = 1;
    for (LineDecision line : lines(d)) {
      keep *= 1 - line.risk().probability();
    }
    assertThat(d.risk().score()).isCloseTo(1 - keep, within(1e-12));
  }

  /**
   * Issue 16 §1: a claim's value at stake is Σ over passed lines of p × the card's expected cut
   * share × the line's approved value, and the card's thresholds band that amount, not the score.
   */
  @Test
  void score_valueAtStakeIsProbabilityTimesCutShareTimesApprovedValueAndBandsTheClaim() {
    registry = ModelRegistry.open(models);
    TestModels.Trained t = TestModels.trained(1);
    ModelCard c = TestModels.card("cut", t, TestModels.identity(), new ModelCard.Thresholds(0.5, null, 0.05));
    ModelCard card = new ModelCard(c.id(), c.algorithm(), c.createdAt(), c.featureSchema(), c.outputColumns(),
        c.baseline(), c.calibration(), new ModelCard.Thresholds(1e9, null, 0.05), 0.25, null, c.metrics(), null, null);
    TestModels.Bundle b = TestModels.bundle(card, t);
    registry.upload(b.onnx(), b.card(), b.stats());
    registry.activate("cut");
    ClaimDecision d = arbiter(TestScheme.base(), new AtomicReference<>()).claims().evaluate(overpriced());
    double expected = 0;
    for (LineDecision line : lines(d)) {
      expected += line.risk().probability() * 0.25 * line.approvedValue().doubleValue();
    }
    assertThat(expected).as("the claim has money at stake").isGreaterThan(1);
    assertThat(d.risk().valueAtStake().doubleValue()).isCloseTo(expected, within(0.005));
    assertThat(d.risk().valueAtStake().scale()).isEqualTo(2);
    assertThat(d.risk().score()).as("a high score alone does not make the review band").isGreaterThan(0.5);
    assertThat(d.risk().band()).isEqualTo(ClaimRisk.BAND_PASS);
  }

  @Test
  void score_valueAtStakeExactlyAtTheReviewThreshold_isReview() {
    AtomicReference<ClaimContext> seen = new AtomicReference<>();
    Claim c = claim().item("PARA", "1", "10").build();
    double score = activeArbiter(seen).claims().evaluate(c).risk().valueAtStake().doubleValue();
    TestModels.Trained t = TestModels.trained(1);
    for (var entry : Map.of("at", score, "above", score + 0.01).entrySet()) {
      TestModels.Bundle b = TestModels.bundle(TestModels.card("t-" + entry.getKey(), t, TestModels.identity(),
          new ModelCard.Thresholds(entry.getValue(), null, 0.05)), t);
      registry.upload(b.onnx(), b.card(), b.stats());
    }
    Arbiter arbiter = arbiter(TestScheme.base(), seen);
    registry.activate("t-at");
    assertThat(arbiter.claims().evaluate(c).risk().band()).isEqualTo(ClaimRisk.BAND_REVIEW);
    registry.activate("t-above");
    assertThat(arbiter.claims().evaluate(c).risk().band()).isEqualTo(ClaimRisk.BAND_PASS);
  }

  @Test
  void score_linesTheRulesRejected_haveNoRiskAndDoNotCount() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("validTo", "2026-05-31");
    registry = ModelRegistry.open(models);
    TestModels.upload(registry, "m1", 1);
    registry.activate("m1");
    ClaimDecision d = arbiter(scheme, new AtomicReference<>()).claims().evaluate(overpriced());
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
    assertThat(d.items().get(0).risk()).isNull();
    LineRisk service = d.services().get(0).risk();
    assertThat(service).isNotNull();
    assertThat(d.risk().score()).isCloseTo(service.probability(), within(1e-12));
  }

  @Test
  void score_noActiveModel_decisionsCarryNoRisk() {
    registry = ModelRegistry.open(models);
    TestModels.upload(registry, "m1", 1);
    ClaimDecision d = arbiter(TestScheme.base(), new AtomicReference<>()).claims().evaluate(overpriced());
    assertThat(d.risk()).isNull();
    assertThat(d.modelVersion()).isNull();
    assertThat(d.items().get(0).risk()).isNull();
  }

  @Test
  void score_failingModel_leavesTheDecisionUnscoredWithTheError() {
    Arbiter arbiter = activeArbiter(new AtomicReference<>());
    ScoringTestAccess.breakActiveModel(registry);
    ClaimDecision d = arbiter.claims().submit(overpriced()).decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.risk().band()).isEqualTo(ClaimRisk.BAND_UNSCORED);
    assertThat(d.risk().modelVersion()).isEqualTo("m1");
    assertThat(d.risk().error()).contains("m1");
    assertThat(d.items().get(0).risk()).isNull();
  }

  @Test
  void score_concurrentClaims_giveTheSameRisksAsOneAtATime() throws Exception {
    Arbiter arbiter = activeArbiter(new AtomicReference<>());
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      claims.add(claim().item("PARA", "1", String.valueOf(5 + i % 40)).item("AMOX", String.valueOf(1 + i % 5), "25")
          .service("CONS", "1", String.valueOf(60 + i)).build());
    }
    List<ClaimRisk> alone = new ArrayList<>();
    List<List<LineRisk>> aloneLines = new ArrayList<>();
    for (Claim c : claims) {
      ClaimDecision d = arbiter.claims().evaluate(c);
      alone.add(d.risk());
      aloneLines.add(lines(d).stream().map(LineDecision::risk).toList());
    }
    long callsBefore = ScoringTestAccess.batchCounts(registry)[0];
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ClaimDecision>> futures = new ArrayList<>();
      for (Claim c : claims) {
        futures.add(pool.submit(() -> arbiter.claims().evaluate(c)));
      }
      for (int i = 0; i < claims.size(); i++) {
        ClaimDecision d = futures.get(i).get();
        assertThat(d.risk()).isEqualTo(alone.get(i));
        assertThat(lines(d).stream().map(LineDecision::risk).toList()).isEqualTo(aloneLines.get(i));
      }
    } finally {
      pool.shutdown();
    }
    assertThat(ScoringTestAccess.batchCounts(registry)[0] - callsBefore).as("ORT calls").isLessThanOrEqualTo(claims.size());
  }

  @Test
  void activate_flippingUnderConcurrentScoring_dropsNoRequest() throws Exception {
    Arbiter arbiter = activeArbiter(new AtomicReference<>());
    TestModels.upload(registry, "m2", 2);
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger scored = new AtomicInteger();
    java.util.Set<String> versions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      workers.add(pool.submit(() -> {
        while (running.get()) {
          ClaimDecision d = arbiter.claims().evaluate(overpriced());
          if (d.risk() == null || ClaimRisk.BAND_UNSCORED.equals(d.risk().band())) {
            failures.incrementAndGet();
          } else {
            versions.add(d.risk().modelVersion());
            scored.incrementAndGet();
          }
        }
      }));
    }
    try {
      for (int flip = 0; flip < 20; flip++) {
        registry.activate(flip % 2 == 0 ? "m2" : "m1");
        Thread.sleep(5);
      }
    } finally {
      running.set(false);
      pool.shutdown();
    }
    for (Future<?> w : workers) {
      w.get();
    }
    assertThat(failures.get()).isZero();
    assertThat(scored.get()).isGreaterThan(20);
    assertThat(versions).containsExactlyInAnyOrder("m1", "m2");
    assertThat(registry.scorer().modelVersion()).isEqualTo("m1");
  }

  @Test
  void shadow_scoresBesideTheActiveModelAndIsOnlyRecorded() {
    AtomicReference<ClaimContext> seen = new AtomicReference<>();
    Arbiter arbiter = activeArbiter(seen);
    ClaimDecision before = arbiter.claims().evaluate(overpriced());
    TestModels.upload(registry, "m2", 2);
    registry.shadow("m2");
    ClaimDecision shadowed = arbiter.claims().evaluate(overpriced());
    registry.clearShadow();
    registry.activate("m2");
    ClaimDecision m2 = arbiter.claims().evaluate(overpriced());

    assertThat(shadowed.risk().modelVersion()).isEqualTo("m1");
    assertThat(shadowed.risk().score()).isEqualTo(before.risk().score());
    assertThat(shadowed.risk().band()).isEqualTo(before.risk().band());
    assertThat(shadowed.risk().shadow().modelVersion()).isEqualTo("m2");
    assertThat(shadowed.risk().shadow().score()).isCloseTo(m2.risk().score(), within(1e-12));
    assertThat(shadowed.risk().shadow().band()).isEqualTo(m2.risk().band());
    for (int i = 0; i < 2; i++) {
      LineRisk line = lines(shadowed).get(i).risk();
      assertThat(line.probability()).isEqualTo(lines(before).get(i).risk().probability());
      assertThat(line.shadowProbability()).isCloseTo(lines(m2).get(i).risk().probability(), within(1e-12));
    }
    assertThat(before.risk().shadow()).isNull();
    assertThat(before.items().get(0).risk().shadowProbability()).isNull();
  }

  @Test
  void drift_afterTheReferenceRows_comparesServedLinesAndWritesTheReference() throws Exception {
    registry = ModelRegistry.open(models, 20);
    TestModels.upload(registry, "m1", 1);
    registry.activate("m1");
    Arbiter arbiter = arbiter(TestScheme.base(), new AtomicReference<>());
    assertThat(registry.drift().orElseThrow().referenceSource()).isEqualTo("collecting");
    for (int i = 0; i < 40; i++) {
      arbiter.claims().evaluate(claim().item("PARA", "1", String.valueOf(8 + i % 5)).service("CONS", "1", "100").build());
    }
    var report = registry.drift().orElseThrow();
    assertThat(report.referenceSource()).isEqualTo("served");
    assertThat(report.referenceRows()).isEqualTo(20);
    assertThat(report.currentRows()).isEqualTo(60);
    assertThat(report.currentClaims()).isEqualTo(20);
    assertThat(report.features()).hasSize(FeatureExtractor.schema().size());
    Path written = models.resolve("m1").resolve("drift-reference.json");
    for (int wait = 0; wait < 100 && !java.nio.file.Files.exists(written); wait++) {
      Thread.sleep(20);
    }
    assertThat(written).exists();
  }
}
