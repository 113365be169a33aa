package io.arbiter.training;

import io.arbiter.training.Evaluation.Bin;
import io.arbiter.training.Evaluation.Calibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** The calibration part of an {@link Evaluation}: reliability bins and the expected calibration error. */
final class CalibrationBins {
  static final int BINS = 10;

  private CalibrationBins() {}

  /** Calibration and discrimination of line probabilities {@code p} against labels {@code y}. */
  static Calibration calibration(double[] p, boolean[] y) {
    List<Bin> width = equalWidth(p, y);
    List<Bin> mass = equalMass(p, y);
    long positives = IntStream.range(0, y.length).filter(i -> y[i]).count();
    return new Calibration(p.length, (double) positives / p.length, Metrics.auc(p, y), Metrics.averagePrecision(p, y),
        Metrics.brier(p, y), Platt.logLoss(p, y), ece(width, p.length), ece(mass, p.length), width, mass);
  }

  /** {@value #BINS} bins of width 0.1 of probability (empty ones included, with count 0). */
  static List<Bin> equalWidth(double[] p, boolean[] y) {
    List<List<Integer>> members = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < p.length; i++) {
      members.get(Math.min(BINS - 1, Math.max(0, (int) (p[i] * BINS)))).add(i);
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      bins.add(bin((double) b / BINS, (double) (b + 1) / BINS, members.get(b), p, y));
    }
    return bins;
  }

  /** Up to {@value #BINS} bins of equal line counts (±1) by ascending probability; each spans its own range. */
  static List<Bin> equalMass(double[] p, boolean[] y) {
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
    int bins = Math.min(BINS, p.length);
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      int from = (int) ((long) b * p.length / bins);
      int to = (int) ((long) (b + 1) * p.length / bins);
      List<Integer> members = Arrays.asList(order).subList(from, to);
      out.add(bin(p[order[from]], p[order[to - 1]], members, p, y));
    }
    return out;
  }

  private static Bin bin(double low, double high, List<Integer> members, double[] p, boolean[] y) {
    double sumP = 0;
    double positives = 0;
    for (int i : members) {
      sumP += p[i];
      positives += y[i] ? 1 : 0;
    }
    int n = members.size();
    return new Bin(low, high, n, n == 0 ? 0 : sumP / n, n == 0 ? 0 : positives / n);
  }

  /** Σ n_b / n · |mean p_b − rate_b|. */
  static double ece(List<Bin> bins, int lines) {
    double ece = 0;
    for (Bin b : bins) {
      ece += (double) b.count() / lines * Math.abs(b.meanProbability() - b.observedRate());
    }
    return ece;
  }
}
