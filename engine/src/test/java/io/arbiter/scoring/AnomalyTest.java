package io.arbiter.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.claim.LineDecision;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unsupervised anomaly term of issue 16 §4 at its boundaries, and how it enters the value at stake. */
class AnomalyTest {

  private static float[] row(double lift, double repeatShare, int lines) {
    float[] row = new float[FeatureExtractor.schema().size()];
    row[FeatureColumns.FACILITY_CODE_LIFT] = (float) Math.log(lift);
    row[FeatureColumns.REPEAT_SHARE] = (float) repeatShare;
    row[FeatureColumns.CLAIM_LINES] = lines;
    return row;
  }

  @Test
  void usualLine_isNoAnomaly() {
    assertThat(Anomaly.of(row(1, 0, 3))).isZero();
    assertThat(Anomaly.of(row(1.99, 0.49, 3))).as("just below both floors").isZero();
    assertThat(Anomaly.of(row(0.2, 0, 3))).as("a code the facility uses less than its peers").isZero();
  }

  @Test
  void overUse_atTheFloorIsTheExcessShare() {
    assertThat(Anomaly.of(row(Anomaly.MIN_LIFT, 0, 3))).as("twice its peers: half is excess").isCloseTo(0.5, within(1e-6));
    assertThat(Anomaly.of(row(4, 0, 3))).as("4× its peers: three lines in four are excess").isCloseTo(0.75, within(1e-6));
    assertThat(Anomaly.of(row(50, 0, 3))).as("the extractor's cap").isCloseTo(0.98, within(1e-6)).isLessThan(1);
  }

  @Test
  void repeat_countsFromHalfTheLinesOfAClaimOfTwoLinesOrMore() {
    assertThat(Anomaly.of(row(1, 0.5, 2))).isEqualTo(0.5);
    assertThat(Anomaly.of(row(1, 1, 6))).isEqualTo(1);
    assertThat(Anomaly.of(row(1, 1, 1))).as("a one-line repeat is a follow-up visit").isZero();
    assertThat(Anomaly.of(row(1, 0.4, 5))).isZero();
  }

  @Test
  void bothSignals_theLargerCounts() {
    assertThat(Anomaly.of(row(4, 0.5, 2))).isCloseTo(0.75, within(1e-6));
    assertThat(Anomaly.of(row(2, 1, 2))).isEqualTo(1);
  }

  @Test
  void rowOfAnotherWidth_isNoAnomaly() {
    assertThat(Anomaly.of(new float[3])).isZero();
    assertThat(Anomaly.of(null)).isZero();
  }

  @Test
  void valueAtStake_mixesTheModelsCutAndTheAnomalysExcess() {
    assertThat(Stake.valueAtStake(0.2, 0.5, 0, 1000)).as("no anomaly: p × cut × value").isCloseTo(100, within(1e-9));
    assertThat(Stake.valueAtStake(0.2, 0.5, 0.75, 1000)).as("(0.2 × 0.5 + 0.8 × 0.75) × 1000")
        .isCloseTo(700, within(1e-9));
    assertThat(Stake.valueAtStake(0, 0.5, 2, 1000)).as("anomaly clamped to 1").isCloseTo(1000, within(1e-9));
    assertThat(Stake.valueAtStake(0, 0.5, -1, 1000)).isZero();
    assertThat(Stake.valueAtStake(0.5, 0.5, 1, -10)).as("nothing approved, nothing at stake").isZero();
  }

  @Test
  void stake_usesTheCardsAnomalyWeight_andOldCardsHaveNone() {
    ModelCard old = new ModelCard("m", "logistic-regression", null, FeatureExtractor.schema(),
        Map.of(ModelCard.POSITIVE_LABEL, 1), null, TestModels.identity(), new ModelCard.Thresholds(1000, null, 0.05),
        1.0, null, null, null, null);
    ModelCard c = new ModelCard(old.id(), old.algorithm(), old.createdAt(), old.featureSchema(), old.outputColumns(),
        old.baseline(), old.calibration(), old.thresholds(), old.expectedCutShare(), old.cutShare(), 0.5,
        old.metrics(), old.trainingData(), old.provenance());
    assertThat(old.anomalyWeightOrZero()).isZero();
    float[] repeated = row(1, 1, 4);
    LineDecision line = new LineDecision(1, "I1", null, BigDecimal.ONE, new BigDecimal("100"), null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    Stake without = new Stake(old);
    double p = without.add(0.2f, line, repeated);
    Stake with = new Stake(c);
    with.add(0.2f, line, repeated);
    assertThat(with.value().doubleValue() - without.value().doubleValue())
        .isCloseTo((1 - p) * 0.5 * 100, within(0.01));
    assertThat(List.of(with.score())).containsExactly(without.score());
  }

  @Test
  void withReason_saysWhyTheAnomalyRoseFirst_andKeepsAtMostThree() {
    float[] repeated = row(1, 1, 2);
    repeated[FeatureColumns.REPEAT_DAYS_AGO] = 3;
    assertThat(Anomaly.withReason(List.of("a", "b", "c"), repeated))
        .containsExactly("2 of the claim's 2 lines repeat a claim of the insuree 3 days before", "a", "b");
    assertThat(Anomaly.withReason(List.of(), row(4, 0, 3)))
        .containsExactly("facility puts this on 4.0× as many claims as facilities of its level");
  }

  @Test
  void withReason_noAnomalyOrAlreadySaid_leavesTheReasons() {
    assertThat(Anomaly.withReason(List.of("a"), row(1.99, 0, 3))).containsExactly("a");
    String said = "facility puts this on 4.0× as many claims as facilities of its level";
    assertThat(Anomaly.withReason(List.of(said), row(4, 0, 3))).containsExactly(said);
  }
}
