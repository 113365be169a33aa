package io.arbiter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.review.SamplingReport.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Horvitz–Thompson estimator of a stratified sample, by hand and by its coverage on known truth. */
class StratifiedEstimateTest {

  @Test
  void of_oneStratumByHand() {
    // N = 4, sample {1, 3}: T̂ = 4 × 2 = 8; V̂ = 16 × (1 − 1/2) × 2 / 2 = 8.
    Estimate e = StratifiedEstimate.of(List.of(new StratifiedEstimate.Stratum(4, List.of(1.0, 3.0))), 0);
    assertThat(e.total()).isEqualTo(8.0);
    assertThat(e.standardError()).isCloseTo(Math.sqrt(8), within(1e-12));
    assertThat(e.high() - e.total()).isCloseTo(1.959964 * Math.sqrt(8), within(1e-5));
  }

  @Test
  void of_fullySampledStratumHasNoVarianceAndOneOfSeveralHasNoInterval() {
    Estimate census = StratifiedEstimate.of(List.of(new StratifiedEstimate.Stratum(2, List.of(5.0, 9.0))), 14);
    assertThat(census.total()).isZero();
    assertThat(census.standardError()).isZero();
    Estimate single = StratifiedEstimate.of(List.of(new StratifiedEstimate.Stratum(3, List.of(5.0))), 0);
    assertThat(single.total()).isEqualTo(15.0);
    assertThat(single.low()).isNull();
    assertThat(StratifiedEstimate.of(List.of(new StratifiedEstimate.Stratum(3, List.of())), 0)).isNull();
  }

  /**
   * Batches with known truth: a small top band reviewed entirely, a middle band at 20 % and a large
   * low band at 5 %, values skewed as claim amounts are. The 95 % interval must cover the true total
   * about 95 times in 100.
   */
  @Test
  void of_intervalCoversTheTrueTotalAtItsNominalRate() {
    Random random = new Random(20260601L);
    int[] sizes = {40, 300, 2000};
    double[] percents = {100, 20, 5};
    double[] logMeans = {7, 5, 4};
    int repetitions = 400;
    int covered = 0;
    for (int rep = 0; rep < repetitions; rep++) {
      double truth = 0;
      List<StratifiedEstimate.Stratum> strata = new ArrayList<>();
      for (int h = 0; h < sizes.length; h++) {
        List<Double> population = new ArrayList<>();
        for (int i = 0; i < sizes[h]; i++) {
          double y = Math.exp(logMeans[h] + 0.6 * random.nextGaussian());
          population.add(y);
          truth += y;
        }
        int n = ReviewSelector.drawSize(percents[h], sizes[h], 2);
        strata.add(new StratifiedEstimate.Stratum(sizes[h], ReviewSelector.draw(population, n, random)));
      }
      Estimate e = StratifiedEstimate.of(strata, 0);
      if (e.low() <= truth && truth <= e.high()) {
        covered++;
      }
    }
    assertThat((double) covered / repetitions).isBetween(0.90, 0.99);
  }
}
