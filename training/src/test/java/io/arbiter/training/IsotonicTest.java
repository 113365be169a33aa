package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.scoring.ModelCard;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Isotonic calibration and the choice between it and Platt scaling (issue 16 §6). */
class IsotonicTest {

  @Test
  void fit_poolsViolatorsIntoNonDecreasingRates() {
    // Sorted by raw: labels 1, 0 violate the order and pool into one block of rate 0.5.
    ModelCard.Calibration c = Isotonic.fit(new double[] {0.1, 0.2, 0.3, 0.4}, new boolean[] {false, true, false, true});

    assertThat(c.method()).isEqualTo(ModelCard.Calibration.ISOTONIC);
    assertThat(c.knots()).containsExactly(0.1, 0.25, 0.4);
    assertThat(c.rates()).containsExactly(Isotonic.FLOOR, 0.5, 1 - Isotonic.FLOOR);
    assertThat(c.apply(0.25)).isEqualTo(0.5);
    assertThat(c.apply(0.325)).as("halfway between two knots").isCloseTo((0.5 + 1 - Isotonic.FLOOR) / 2, within(1e-12));
    assertThat(c.apply(0.0)).as("flat below the first knot").isEqualTo(Isotonic.FLOOR);
    assertThat(c.apply(0.9)).as("flat above the last knot").isEqualTo(1 - Isotonic.FLOOR);
  }

  @Test
  void choose_aReliabilityCurveThatBends_keepsIsotonic() {
    // True rate is a step: 0.02 below raw 0.5, 0.6 above; no shift and slope of the logit follows it.
    SplittableRandom random = new SplittableRandom(3);
    int n = 6000;
    double[] raw = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      raw[i] = random.nextDouble();
      y[i] = random.nextDouble() < (raw[i] < 0.5 ? 0.02 : 0.6);
    }
    Isotonic.Choice choice = Isotonic.choose(raw, y);
    assertThat(choice.isotonicBrier()).isLessThan(choice.plattBrier());
    assertThat(choice.calibration().method()).isEqualTo(ModelCard.Calibration.ISOTONIC);
  }

  @Test
  void choose_logisticData_keepsPlatt() {
    // Labels drawn from σ(2 · logit(raw) − 1): Platt's own family, which isotonic can only approach.
    SplittableRandom random = new SplittableRandom(5);
    int n = 4000;
    double[] raw = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      raw[i] = 0.02 + 0.96 * random.nextDouble();
      double z = 2 * Math.log(raw[i] / (1 - raw[i])) - 1;
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    Isotonic.Choice choice = Isotonic.choose(raw, y);
    assertThat(choice.plattBrier()).isLessThanOrEqualTo(choice.isotonicBrier());
    assertThat(choice.calibration().method()).isEqualTo(ModelCard.Calibration.PLATT);
    assertThat(choice.calibration().a()).isCloseTo(2, within(0.3));
  }
}
