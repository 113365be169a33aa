package io.arbiter.engine;

import io.arbiter.review.SamplingReport.Estimate;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The Horvitz–Thompson estimate of a total from a stratified sample drawn without replacement,
 * with its 95 % confidence interval by the normal approximation: T̂ = Σ_h N_h ȳ_h and
 * V̂(T̂) = Σ_h N_h² (1 − n_h/N_h) s_h² / n_h. The same half-width bounds the total of the units not
 * sampled, since T̂ − T is also the error of T̂ − Σ_sample y in predicting that total.
 */
final class StratifiedEstimate {
  private static final double Z = new NormalDistribution().inverseCumulativeProbability(0.975);

  private StratifiedEstimate() {}

  /** One stratum: its size N and the values y of its sampled units. */
  record Stratum(int population, List<Double> sample) {}

  /**
   * The estimate of the total; null when a stratum with units has no sampled one (nothing can be
   * said of it). The interval is absent when a stratum has one sampled unit of several.
   *
   * @param known subtracted from the total and the interval (the sampled units' own total, for the
   *     estimate of the rest); 0 for the whole
   */
  static Estimate of(List<Stratum> strata, double known) {
    double total = 0;
    double variance = 0;
    boolean varianceKnown = true;
    for (Stratum h : strata) {
      int big = h.population();
      int n = h.sample().size();
      if (big == 0) {
        continue;
      }
      if (n == 0) {
        return null;
      }
      SummaryStatistics y = new SummaryStatistics();
      h.sample().forEach(y::addValue);
      total += big * y.getMean();
      if (n < big) {
        if (n < 2) {
          varianceKnown = false;
        } else {
          variance += (double) big * big * (1 - (double) n / big) * y.getVariance() / n;
        }
      }
    }
    double estimate = total - known;
    if (!varianceKnown) {
      return new Estimate(estimate, null, null, null);
    }
    double se = Math.sqrt(variance);
    return new Estimate(estimate, se, estimate - Z * se, estimate + Z * se);
  }
}
