package io.arbiter.training;

import io.arbiter.scoring.ModelCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Isotonic calibration (pool adjacent violators) and the choice between it and Platt scaling.
 * Platt fits a shift and a slope of the logit, so it cannot follow a reliability curve that bends
 * (lines between 0.3 and 0.7 were under-predicted: docs/scoring.md); isotonic can, at the cost of
 * steps where the calibration data are thin.
 */
final class Isotonic {
  /** Rates are kept off 0 and 1 so that a log loss stays finite on lines the fit never saw. */
  static final double FLOOR = 1e-4;

  private Isotonic() {}

  /** The non-decreasing fit of labels on raw probabilities, as knots (block mean raw) and rates. */
  static ModelCard.Calibration fit(double[] raw, boolean[] labels) {
    double[] y = new double[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i] ? 1 : 0;
    }
    return fit(raw, y, FLOOR, 1 - FLOOR);
  }

  /**
   * The non-decreasing least-squares fit of {@code y} on {@code x}, each block's mean clamped to
   * [{@code low}, {@code high}].
   */
  static ModelCard.Calibration fit(double[] raw, double[] labels, double low, double high) {
    Integer[] order = IntStream.range(0, raw.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
    // Blocks as parallel stacks: weight, Σ raw, Σ label.
    double[] weight = new double[raw.length];
    double[] sumRaw = new double[raw.length];
    double[] sumY = new double[raw.length];
    int blocks = 0;
    for (int i : order) {
      weight[blocks] = 1;
      sumRaw[blocks] = raw[i];
      sumY[blocks] = labels[i];
      blocks++;
      while (blocks > 1 && sumY[blocks - 2] / weight[blocks - 2] >= sumY[blocks - 1] / weight[blocks - 1]) {
        weight[blocks - 2] += weight[blocks - 1];
        sumRaw[blocks - 2] += sumRaw[blocks - 1];
        sumY[blocks - 2] += sumY[blocks - 1];
        blocks--;
      }
    }
    List<Double> knots = new ArrayList<>(blocks);
    List<Double> rates = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      knots.add(sumRaw[b] / weight[b]);
      rates.add(Math.min(high, Math.max(low, sumY[b] / weight[b])));
    }
    return ModelCard.Calibration.isotonic(knots, rates);
  }

  /** A calibration and how it did out of fold on the calibration lines. */
  record Choice(ModelCard.Calibration calibration, double plattBrier, double isotonicBrier, double plattLogLoss,
      double isotonicLogLoss) {}

  /**
   * Platt or isotonic, whichever has the lower Brier score (log loss breaking a tie) when each is
   * fitted on one half of the calibration lines and scored on the other, both ways (lines
   * alternate between halves in file order); the winner is then refitted on every line. Fitting and
   * judging on the same lines would always favour isotonic, which can follow noise.
   */
  static Choice choose(double[] raw, boolean[] labels) {
    double[] platt = new double[raw.length];
    double[] isotonic = new double[raw.length];
    for (int fold = 0; fold < 2; fold++) {
      int f = fold;
      int[] train = IntStream.range(0, raw.length).filter(i -> i % 2 != f).toArray();
      int[] test = IntStream.range(0, raw.length).filter(i -> i % 2 == f).toArray();
      ModelCard.Calibration p = Platt.fit(pick(raw, train), pick(labels, train));
      ModelCard.Calibration iso = fit(pick(raw, train), pick(labels, train));
      for (int i : test) {
        platt[i] = p.apply(raw[i]);
        isotonic[i] = iso.apply(raw[i]);
      }
    }
    double plattBrier = Metrics.brier(platt, labels);
    double isotonicBrier = Metrics.brier(isotonic, labels);
    double plattLoss = Platt.logLoss(platt, labels);
    double isotonicLoss = Platt.logLoss(isotonic, labels);
    boolean isotonicWins = isotonicBrier < plattBrier || isotonicBrier == plattBrier && isotonicLoss < plattLoss;
    return new Choice(isotonicWins ? fit(raw, labels) : Platt.fit(raw, labels), plattBrier, isotonicBrier,
        plattLoss, isotonicLoss);
  }

  private static double[] pick(double[] values, int[] at) {
    return Arrays.stream(at).mapToDouble(i -> values[i]).toArray();
  }

  private static boolean[] pick(boolean[] values, int[] at) {
    boolean[] out = new boolean[at.length];
    for (int k = 0; k < at.length; k++) {
      out[k] = values[at[k]];
    }
    return out;
  }
}
