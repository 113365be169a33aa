package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.arbiter.json.Json;
import io.arbiter.scoring.Anomaly;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The yardstick of issue 16 §3, on claims small enough to work out by hand. */
class EvaluationTest {
  /*
   * Four claims, five lines (figures by hand below):
   *   claim 0: value at stake 10, claimed 100, approved 100; line 0 cut 50 (inflated)
   *   claim 1: value at stake  5, claimed 400, approved 300; line 1 accepted, line 2 cut 30 (upcoding)
   *   claim 2: value at stake  1, claimed 200, approved 200; line 3 cut 20 (inflated)
   *   claim 3: value at stake  0, claimed  50, approved  50; line 4 accepted
   * Adjusted value 100, adjusted lines 3, adjusted claims 3.
   */
  private static Evaluation.Claims claims() {
    return new Evaluation.Claims(new double[] {10, 5, 1, 0}, new double[] {100, 400, 200, 50},
        new double[] {100, 300, 200, 50}, new int[] {0, 1, 1, 2, 3}, new double[] {0.8, 0.1, 0.6, 0.3, 0.0},
        new boolean[] {true, false, true, true, false}, new double[] {50, 0, 30, 20, 0},
        new String[] {"inflated", "normal", "upcoding", "inflated", "normal"}, Set.of("upcoding"));
  }

  @Test
  void evaluate_smallFixedClaims_givesTheSharesWorkedOutByHand() {
    Evaluation.Report r = Evaluation.evaluate("m", claims());

    assertThat(r.claims()).isEqualTo(4);
    assertThat(r.adjustedValue()).isEqualTo(100);
    assertThat(r.budgets()).extracting(Evaluation.Budget::budget).containsExactly(0.01, 0.02, 0.05, 0.10);
    // ceil(budget × 4) = 1 claim for every budget.
    Evaluation.Budget five = r.at(0.05);
    assertThat(five.claims()).isEqualTo(1);
    Evaluation.Share service = five.rankings().get(Evaluation.SERVICE);
    assertThat(service.valueShare()).isEqualTo(0.5);          // claim 0: 50 of 100
    assertThat(service.lineShare()).isEqualTo(1.0 / 3);       // 1 of 3 adjusted lines
    assertThat(service.claimShare()).isEqualTo(1.0 / 3);      // 1 of 3 adjusted claims
    assertThat(service.timesRandom()).isEqualTo(2.0);         // 0.5 ÷ 1/4
    assertThat(five.rankings().get(Evaluation.RANDOM).valueShare()).isEqualTo(0.25);
    assertThat(five.rankings().get(Evaluation.HIGHEST_APPROVED).valueShare()).isEqualTo(0.3);  // claim 1: 30
    assertThat(five.rankings().get(Evaluation.HIGHEST_CLAIMED).valueShare()).isEqualTo(0.3);   // claim 1: 30
    assertThat(five.rankings()).containsOnlyKeys(Evaluation.SERVICE, Evaluation.RANDOM, Evaluation.RANDOM_DRAWN,
        Evaluation.HIGHEST_APPROVED, Evaluation.HIGHEST_CLAIMED);
    for (Evaluation.Share s : five.rankings().values()) {
      assertThat(s.valueInterval().low()).isBetween(0.0, s.valueInterval().high());
      assertThat(s.valueInterval().high()).isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void evaluate_plantedPatterns_shareOfEachPatternsValueAndWhetherItWasLeftOut() {
    Evaluation.Report r = Evaluation.evaluate("m", claims());

    assertThat(r.patterns()).extracting(Evaluation.Pattern::pattern).containsExactly("inflated", "upcoding");
    Evaluation.Pattern inflated = r.patterns().get(0);
    assertThat(inflated.adjustedValue()).isEqualTo(70);
    assertThat(inflated.claims()).isEqualTo(2);
    assertThat(inflated.leftOut()).isFalse();
    assertThat(inflated.budgets().get(2).valueShare()).isCloseTo(50.0 / 70, within(1e-12));
    Evaluation.Pattern upcoding = r.patterns().get(1);
    assertThat(upcoding.leftOut()).isTrue();
    assertThat(upcoding.budgets().get(2).valueShare()).as("claim 1 is second by value at stake").isZero();
  }

  @Test
  void evaluate_calibration_binsWithCountsAndBothEces() {
    Evaluation.Calibration c = Evaluation.evaluate("m", claims()).calibration();

    // One line per occupied bin: |0.8−1| + |0.1−0| + |0.6−1| + |0.3−1| + |0−0| = 1.4, over 5 lines.
    assertThat(c.eceEqualWidth()).isCloseTo(0.28, within(1e-12));
    assertThat(c.eceEqualMass()).isCloseTo(0.28, within(1e-12));
    assertThat(c.brier()).isCloseTo((0.04 + 0.01 + 0.16 + 0.49) / 5, within(1e-12));
    assertThat(c.equalWidth()).hasSize(10).extracting(Evaluation.Bin::count).containsExactly(1, 1, 0, 1, 0, 0, 1, 0, 1, 0);
    assertThat(c.equalMass()).hasSize(5).allMatch(b -> b.count() == 1);
  }

  @Test
  void evaluate_sameInputs_sameReport() {
    assertThat(Evaluation.evaluate("m", claims())).isEqualTo(Evaluation.evaluate("m", claims()));
  }

  @Test
  void share_bootstrapCountsWeighTheClaims() {
    int[] position = Evaluation.positions(new double[] {3, 2, 1});
    // Claim 0 drawn twice, claim 2 once; top 1 is one copy of claim 0: 5 of 5 + 5 + 1.
    assertThat(Evaluation.share(position, new double[] {5, 7, 1}, new int[] {2, 0, 1}, 1)).isCloseTo(5.0 / 11,
        within(1e-12));
    assertThat(Evaluation.take(0.05, 20)).isEqualTo(1);
    assertThat(Evaluation.take(0.05, 21)).isEqualTo(2);
  }

  /**
   * `arbiter evaluate` on the file a model was trained on measures its holdout with the very
   * numbers the training run wrote: one yardstick, whoever holds it.
   */
  @Test
  void evaluateModelFolder_onItsTrainingFile_reproducesTheTrainingEvaluation() throws Exception {
    Trainer.Run run = TrainingFixture.lr();
    Path dir = run.result().directory();

    Evaluation.Report again = Evaluation.evaluate(dir, TrainingFixture.file(), null);

    JsonNode written = Json.mapper().readTree(dir.resolve(Trainer.EVALUATION).toFile());
    JsonNode measured = Json.mapper().valueToTree(again);
    for (int b = 0; b < 4; b++) {
      for (String ranking : List.of("service", "random", "highestApproved", "highestClaimed")) {
        String at = "/budgets/" + b + "/rankings/" + ranking + "/valueShare";
        assertThat(measured.at(at).asDouble()).as(at).isCloseTo(written.at(at).asDouble(), within(1e-6));
      }
    }
    assertThat(again.claims()).isEqualTo(run.evaluation().claims());
  }

  /**
   * The value at stake evaluation ranks by carries the anomaly term as serving does: with p = 0
   * it is exactly Σ weight × {@link Anomaly#of}(row) × approved value, nothing at weight 0; and the
   * fixture's planted re-submissions make it non-zero somewhere.
   */
  @Test
  void claims_anomalyWeight_addsTheExcessShareOfEveryLine() throws Exception {
    LabelledData data = LabelledData.load(TrainingFixture.file(), 0.25, 0.2, Set.of());
    int[] lines = java.util.stream.IntStream.range(0, data.rows.length).toArray();
    double[] p = new double[lines.length];

    Evaluation.Claims off = Evaluation.claims(data, lines, p, q -> 1, 0, Set.of());
    Evaluation.Claims on = Evaluation.claims(data, lines, p, q -> 1, 1, Set.of());

    double[] expected = new double[on.valueAtStake().length];
    for (int k = 0; k < lines.length; k++) {
      expected[on.lineClaim()[k]] += Anomaly.of(data.rows[k]) * Math.max(0, data.approved[k]);
    }
    assertThat(off.valueAtStake()).containsOnly(0.0);
    assertThat(on.valueAtStake()).containsExactly(expected, within(1e-6));
    assertThat(java.util.Arrays.stream(on.valueAtStake()).filter(v -> v > 0).count()).isPositive();
  }
}
