package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
  private static final boolean[] LABELS = {false, false, true, true};

  @Test
  void auc_smallExample_matchesHandCount() {
    // Pairs (positive, negative): (0.35,0.1) right, (0.35,0.4) wrong, (0.8,·) right twice → 3/4.
    assertThat(Metrics.auc(SCORES, LABELS)).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void auc_allScoresTied_isOneHalf() {
    assertThat(Metrics.auc(new double[] {0.3, 0.3, 0.3}, new boolean[] {true, false, false})).isEqualTo(0.5);
  }

  @Test
  void averagePrecision_smallExample_matchesScikitLearn() {
    // Ranked 0.8(+), 0.4(−), 0.35(+): 0.5 · 1 + 0.5 · 2/3.
    assertThat(Metrics.averagePrecision(SCORES, LABELS)).isCloseTo(0.5 + 1.0 / 3, within(1e-12));
  }

  @Test
  void brier_knownValues_isMeanSquaredError() {
    assertThat(Metrics.brier(new double[] {0.9, 0.2}, new boolean[] {true, true})).isCloseTo((0.01 + 0.64) / 2,
        within(1e-12));
  }

  @Test
  void ece_ratesMatchingProbabilities_isZeroAndRatesOffByAQuarter_isAQuarter() {
    double[] p = {0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75};
    boolean[] matching = {true, false, false, false, true, true, true, false};
    boolean[] off = {true, true, false, false, true, true, true, true};

    assertThat(Metrics.ece(p, matching)).isCloseTo(0, within(1e-12));
    assertThat(Metrics.ece(p, off)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void threshold_hundredDistinctScores_selectsTheBudget() {
    double[] scores = new double[100];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i / 100.0;
    }

    double t = Metrics.threshold(scores, 0.05);

    assertThat(java.util.Arrays.stream(scores).filter(s -> s >= t).count()).isEqualTo(5);
  }

  @Test
  void yieldAt_valueInTopClaims_isShareOfTotal() {
    double[] scores = {0.9, 0.1, 0.5, 0.2};
    double[] value = {30, 50, 20, 0};

    assertThat(Metrics.yieldAt(scores, value, 0.25)).isCloseTo(0.3, within(1e-12));
    assertThat(Metrics.yieldAt(scores, value, 0.5)).isCloseTo(0.5, within(1e-12));
    assertThat(Metrics.yieldCurve(scores, value)[4][1]).isCloseTo(1, within(1e-12));
  }
}
