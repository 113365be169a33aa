package io.arbiter.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model is and how to serve it: {@code model-card.json} beside {@code model.onnx}. Written
 * by {@code arbiter train}, read by the model registry, which refuses a card whose feature schema
 * differs from the extractor's. Immutable.
 *
 * @param id the model's version, unique in the registry (e.g. {@code lr-20261127-3f2a9c1e})
 * @param algorithm {@code logistic-regression} or {@code factorization-machine}
 * @param createdAt when training finished
 * @param featureSchema the input columns, in order
 * @param outputColumns label → column of the ONNX output (from Tribuo's {@code getOutputIDInfo()});
 *     the positive label is {@link #POSITIVE_LABEL}
 * @param baseline per feature, its mean on the training rows: a reason is a group of features
 *     whose own values raise the logit above what the baseline values would give
 * @param calibration how the model's raw probability becomes a calibrated one
 * @param thresholds the band limits on a claim's value at stake
 * @param expectedCutShare the share of a line's approved value a payable adjustment takes off, on
 *     average (Σ value cut ÷ Σ approved value over the training period's adjusted lines). Null in
 *     cards trained before value at stake, which the registry refuses
 * @param cutShare the share a payable adjustment takes off as a function of the line's calibrated
 *     probability (an isotonic curve: a likely cut is mostly a rejection, an unlikely one a trim);
 *     a line's value at stake is p × cutShare(p) × its approved value. Null: {@code expectedCutShare}
 *     for every line
 * @param anomalyWeight how much of a line's {@link Anomaly} enters its value at stake
 *     ({@link Stake#valueAtStake}); null (cards trained before the anomaly term) or 0: none
 * @param metrics holdout metrics by name (auc, averagePrecision, brier, ece, yieldAt5pct, …)
 * @param trainingData where the training rows came from
 * @param provenance Tribuo's provenance of the trained model, as JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
    String id,
    String algorithm,
    Instant createdAt,
    FeatureSchema featureSchema,
    Map<String, Integer> outputColumns,
    List<Double> baseline,
    Calibration calibration,
    Thresholds thresholds,
    Double expectedCutShare,
    Calibration cutShare,
    Double anomalyWeight,
    Map<String, Double> metrics,
    TrainingDataSummary trainingData,
    JsonNode provenance) {
  /** The label of lines a reviewer rejected or adjusted, taking value off. */
  public static final String POSITIVE_LABEL = "adjusted";
  /** The label of lines a reviewer accepted. */
  public static final String NEGATIVE_LABEL = "accepted";

  public ModelCard {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(featureSchema, "featureSchema");
    Objects.requireNonNull(outputColumns, "outputColumns");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(thresholds, "thresholds");
    outputColumns = Map.copyOf(outputColumns);
    baseline = baseline == null ? List.of() : List.copyOf(baseline);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** A card without the anomaly term (as trained before it). */
  public ModelCard(String id, String algorithm, Instant createdAt, FeatureSchema featureSchema,
      Map<String, Integer> outputColumns, List<Double> baseline, Calibration calibration, Thresholds thresholds,
      Double expectedCutShare, Calibration cutShare, Map<String, Double> metrics, TrainingDataSummary trainingData,
      JsonNode provenance) {
    this(id, algorithm, createdAt, featureSchema, outputColumns, baseline, calibration, thresholds, expectedCutShare,
        cutShare, null, metrics, trainingData, provenance);
  }

  /** {@link #anomalyWeight()}, 0 when absent. */
  public double anomalyWeightOrZero() {
    return anomalyWeight == null ? 0 : anomalyWeight;
  }

  /**
   * How the model's raw probability becomes a calibrated one.
   *
   * <ul>
   *   <li>{@code platt}: p = 1 / (1 + exp(−(a · logit(raw) + b)));
   *   <li>{@code isotonic}: a non-decreasing step function fitted by pool-adjacent-violators,
   *       interpolated linearly between the pooled blocks' mean raw values {@code knots} and their
   *       observed rates {@code rates}; flat beyond the first and last knot.
   * </ul>
   *
   * @param method {@code platt} or {@code isotonic}
   * @param knots isotonic only: ascending raw probabilities; null for Platt
   * @param rates isotonic only: the calibrated probability at each knot, non-decreasing; null for Platt
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Calibration(String method, double a, double b, List<Double> knots, List<Double> rates) {
    public static final String PLATT = "platt";
    public static final String ISOTONIC = "isotonic";

    public Calibration {
      Objects.requireNonNull(method, "method");
      if (ISOTONIC.equals(method)) {
        if (knots == null || rates == null || knots.isEmpty() || knots.size() != rates.size()) {
          throw new IllegalArgumentException("isotonic calibration needs as many rates as knots, at least one");
        }
        knots = List.copyOf(knots);
        rates = List.copyOf(rates);
      } else if (!PLATT.equals(method)) {
        throw new IllegalArgumentException("calibration method must be platt or isotonic, was " + method);
      }
    }

    /** Platt scaling with slope {@code a} and intercept {@code b}. */
    public static Calibration platt(double a, double b) {
      return new Calibration(PLATT, a, b, null, null);
    }

    /** Isotonic calibration through these points. */
    public static Calibration isotonic(List<Double> knots, List<Double> rates) {
      return new Calibration(ISOTONIC, 0, 0, knots, rates);
    }

    public double apply(double raw) {
      if (ISOTONIC.equals(method)) {
        return interpolate(raw);
      }
      double p = Math.min(1 - 1e-7, Math.max(1e-7, raw));
      return 1 / (1 + Math.exp(-(a * Math.log(p / (1 - p)) + b)));
    }

    private double interpolate(double raw) {
      int n = knots.size();
      if (raw <= knots.get(0)) {
        return rates.get(0);
      }
      if (raw >= knots.get(n - 1)) {
        return rates.get(n - 1);
      }
      int lo = 0;
      int hi = n - 1;
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (knots.get(mid) <= raw) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double x0 = knots.get(lo);
      double x1 = knots.get(hi);
      double t = x1 == x0 ? 1 : (raw - x0) / (x1 - x0);
      return rates.get(lo) + t * (rates.get(hi) - rates.get(lo));
    }
  }

  /** The share of a line's approved value a payable adjustment is expected to take off, at probability p. */
  public double cutShareAt(double p) {
    return cutShare != null ? cutShare.apply(p) : expectedCutShare;
  }

  /**
   * Claim bands on the claim's value at stake (scheme currency): review at or above
   * {@code review}; reject at or above {@code reject} when that band is on (null: off).
   *
   * @param reviewBudget the share of claims the review threshold was chosen to select on the
   *     holdout (e.g. 0.05)
   */
  public record Thresholds(double review, Double reject, double reviewBudget) {}

  /**
   * @param sha256 of the training file
   * @param source the training file's header source
   * @param lines labelled lines used (training + holdout)
   * @param holdoutFrom first claim date in the holdout (time-based split)
   * @param leftOutPatterns planted patterns kept out of the fit and calibration (they stay in the
   *     holdout); null or empty when none
   */
  public record TrainingDataSummary(String sha256, String source, long claims, long lines,
      String trainFrom, String holdoutFrom, String holdoutTo, List<String> leftOutPatterns) {}
}
