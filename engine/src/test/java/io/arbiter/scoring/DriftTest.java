package io.arbiter.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static double[] normal(Random random, int n, double mean) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + random.nextGaussian();
    }
    return v;
  }

  private static long[] counts(Drift.Histogram h, double[] values) {
    long[] c = new long[h.shares().length];
    for (double v : values) {
      c[h.bin(v)]++;
    }
    return c;
  }

  @Test
  void psi_sameDistribution_isNearZero() {
    Random random = new Random(1);
    Drift.Histogram ref = Drift.Histogram.of(normal(random, 10_000, 0), 10_000);
    assertThat(ref.psi(counts(ref, normal(random, 10_000, 0)))).isLessThan(0.01);
  }

  @Test
  void psi_meanShiftedByOneStandardDeviation_isMajor() {
    Random random = new Random(2);
    Drift.Histogram ref = Drift.Histogram.of(normal(random, 10_000, 0), 10_000);
    double psi = ref.psi(counts(ref, normal(random, 10_000, 1)));
    assertThat(psi).isGreaterThan(0.25);
    assertThat(DriftReport.Stability.of("x", psi).level()).isEqualTo("major");
  }

  @Test
  void psi_smallShift_isBetweenTheTwo() {
    Random random = new Random(3);
    Drift.Histogram ref = Drift.Histogram.of(normal(random, 20_000, 0), 20_000);
    double psi = ref.psi(counts(ref, normal(random, 20_000, 0.3)));
    assertThat(psi).isBetween(0.05, 0.2);
  }

  @Test
  void psi_knownShares_matchesTheFormula() {
    Drift.Histogram h = new Drift.Histogram(new double[] {0.5}, new double[] {0.5, 0.5});
    // 80 % / 20 % against 50 % / 50 %: (0.3) ln(1.6) + (-0.3) ln(0.4)
    assertThat(h.psi(new long[] {80, 20})).isCloseTo(0.3 * Math.log(1.6) - 0.3 * Math.log(0.4), within(1e-12));
  }

  @Test
  void histogram_binaryFeature_mergesRepeatedQuantiles() {
    double[] v = new double[100];
    for (int i = 0; i < 30; i++) {
      v[i] = 1;
    }
    Drift.Histogram h = Drift.Histogram.of(v, v.length);
    assertThat(h.edges()).containsExactly(0, 1);
    assertThat(h.shares()).containsExactly(new double[] {0.7, 0.3, 0}, within(1e-12));
  }

  @Test
  void drift_servedReference_freezesAfterNRowsThenComparesAndReportsIt() {
    FeatureSchema schema = new FeatureSchema("v", List.of("a", "b"));
    AtomicReference<Drift.Reference> frozen = new AtomicReference<>();
    Drift drift = new Drift("m", schema, null, 1000, frozen::set);
    Random random = new Random(4);
    assertThat(drift.report().referenceSource()).isEqualTo("collecting");
    for (int i = 0; i < 2000; i++) {
      // Feature a keeps its distribution; b shifts after the reference is taken.
      float b = (float) (random.nextGaussian() + (i < 1000 ? 0 : 2));
      drift.recordRows(new float[][] {{(float) random.nextGaussian(), b}}, 1);
      drift.recordScore(random.nextDouble());
    }
    DriftReport report = drift.report();
    assertThat(report.referenceSource()).isEqualTo("served");
    assertThat(report.referenceRows()).isEqualTo(1000);
    assertThat(report.currentRows()).isEqualTo(1000);
    assertThat(report.features().get(0).name()).isEqualTo("b");
    assertThat(report.alerts()).containsExactly("b");
    assertThat(report.score().psi()).isLessThan(DriftReport.ALERT_THRESHOLD);
    assertThat(frozen.get()).isNotNull();
    assertThat(frozen.get().features()).containsOnlyKeys("a", "b");
  }
}
