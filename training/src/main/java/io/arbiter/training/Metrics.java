package io.arbiter.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Evaluation measures of probabilities against labels; all static, inputs are never modified. */
final class Metrics {
  static final int BINS = 10;

  private Metrics() {}

  /** Area under the ROC curve (Mann–Whitney, ties counted half); NaN without both labels. */
  static double auc(double[] score, boolean[] y) {
    Integer[] order = byScoreAscending(score);
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (y[order[k]]) {
          rankSumPositive += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = score.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Average precision: Σ (recall_k − recall_{k−1}) · precision_k over the distinct scores, highest
   * first (as scikit-learn computes it); NaN without positives.
   */
  static double averagePrecision(double[] score, boolean[] y) {
    List<double[]> curve = precisionRecall(score, y);
    if (curve.isEmpty()) {
      return Double.NaN;
    }
    double ap = 0;
    double lastRecall = 0;
    for (double[] point : curve) {
      ap += (point[0] - lastRecall) * point[1];
      lastRecall = point[0];
    }
    return ap;
  }

  /** Points (recall, precision), one per distinct score from the highest; empty without positives. */
  static List<double[]> precisionRecall(double[] score, boolean[] y) {
    long positives = IntStream.range(0, y.length).filter(i -> y[i]).count();
    List<double[]> points = new ArrayList<>();
    if (positives == 0) {
      return points;
    }
    Integer[] order = byScoreDescending(score);
    long tp = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && score[order[j]] == score[order[i]]) {
        tp += y[order[j]] ? 1 : 0;
        j++;
      }
      points.add(new double[] {(double) tp / positives, (double) tp / j});
      i = j;
    }
    return points;
  }

  /** Points (false positive rate, true positive rate) from (0, 0), one per distinct score. */
  static List<double[]> roc(double[] score, boolean[] y) {
    long positives = IntStream.range(0, y.length).filter(i -> y[i]).count();
    long negatives = y.length - positives;
    List<double[]> points = new ArrayList<>();
    points.add(new double[] {0, 0});
    Integer[] order = byScoreDescending(score);
    long tp = 0;
    long fp = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j < order.length && score[order[j]] == score[order[i]]) {
        if (y[order[j]]) {
          tp++;
        } else {
          fp++;
        }
        j++;
      }
      points.add(new double[] {negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives});
      i = j;
    }
    return points;
  }

  /** Mean squared difference between probability and outcome. */
  static double brier(double[] p, boolean[] y) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - (y[i] ? 1 : 0);
      sum += d * d;
    }
    return sum / p.length;
  }

  /**
   * Per bin of {@link #BINS} equal-width bins of probability: {count, mean probability, observed
   * rate} (means are 0 for an empty bin).
   */
  static double[][] reliability(double[] p, boolean[] y) {
    double[][] bins = new double[BINS][3];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(BINS - 1, Math.max(0, (int) (p[i] * BINS)));
      bins[b][0]++;
      bins[b][1] += p[i];
      bins[b][2] += y[i] ? 1 : 0;
    }
    for (double[] bin : bins) {
      if (bin[0] > 0) {
        bin[1] /= bin[0];
        bin[2] /= bin[0];
      }
    }
    return bins;
  }

  /** Expected calibration error over {@link #BINS} equal-width bins: Σ n_b/n · |mean p_b − rate_b|. */
  static double ece(double[] p, boolean[] y) {
    double ece = 0;
    for (double[] bin : reliability(p, y)) {
      ece += bin[0] / p.length * Math.abs(bin[1] - bin[2]);
    }
    return ece;
  }

  /**
   * The review threshold: the score of the {@code ceil(budget · n)}-th highest claim, so that the
   * claims at or above it are the budget's share (more only when scores tie at the threshold).
   */
  static double threshold(double[] claimScores, double budget) {
    double[] sorted = claimScores.clone();
    Arrays.sort(sorted);
    int k = Math.max(1, (int) Math.ceil(budget * sorted.length));
    return sorted[sorted.length - k];
  }

  /**
   * The cumulative share of adjusted value found reviewing claims from the highest score down: point
   * k is (k/n, value of the top k ÷ total value), from (0, 0). Ties are broken by claim order.
   */
  static double[][] yieldCurve(double[] claimScores, double[] adjustedValue) {
    Integer[] order = byScoreDescending(claimScores);
    double total = Arrays.stream(adjustedValue).sum();
    double[][] curve = new double[order.length + 1][2];
    double found = 0;
    for (int k = 1; k <= order.length; k++) {
      found += adjustedValue[order[k - 1]];
      curve[k][0] = (double) k / order.length;
      curve[k][1] = total == 0 ? 0 : found / total;
    }
    return curve;
  }

  /** Share of the adjusted value found reviewing the top {@code ceil(budget · n)} claims. */
  static double yieldAt(double[] claimScores, double[] adjustedValue, double budget) {
    int k = Math.max(1, (int) Math.ceil(budget * claimScores.length));
    return yieldCurve(claimScores, adjustedValue)[k][1];
  }

  private static Integer[] byScoreAscending(double[] score) {
    Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    return order;
  }

  private static Integer[] byScoreDescending(double[] score) {
    Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (i, j) -> Double.compare(score[j], score[i]));
    return order;
  }
}
