package io.arbiter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.scoring.ModelCard;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlattTest {
  @Test
  void fit_labelsDrawnFromKnownScaling_recoversAAndB() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 20_000;
    double[] raw = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double z = random.nextGaussian() * 2;
      raw[i] = 1 / (1 + Math.exp(-z));
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(1.7 * z - 0.8)));
    }

    ModelCard.Calibration c = Platt.fit(raw, y);

    assertThat(c.method()).isEqualTo("platt");
    assertThat(c.a()).isCloseTo(1.7, within(0.1));
    assertThat(c.b()).isCloseTo(-0.8, within(0.1));
  }

  @Test
  void fit_overconfidentScores_lowersLogLoss() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 5_000;
    double[] raw = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      double z = random.nextGaussian();
      raw[i] = 1 / (1 + Math.exp(-(4 * z + 2)));
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
    }

    ModelCard.Calibration c = Platt.fit(raw, y);
    double[] calibrated = new double[n];
    for (int i = 0; i < n; i++) {
      calibrated[i] = c.apply(raw[i]);
    }

    assertThat(Platt.logLoss(calibrated, y)).isLessThan(Platt.logLoss(raw, y) - 0.1);
    assertThat(c.a()).isCloseTo(0.25, within(0.05));
  }

  @Test
  void fit_oneLabelOnly_isRefused() {
    assertThatThrownBy(() -> Platt.fit(new double[] {0.2, 0.7}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both labels");
  }
}
