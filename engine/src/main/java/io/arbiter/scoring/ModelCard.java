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
 * @param thresholds the band limits on the calibrated probability
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
    Map<String, Double> metrics,
    TrainingDataSummary trainingData,
    JsonNode provenance) {
  /** The label of lines a reviewer rejected or adjusted. */
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

  /**
   * Platt scaling: calibrated p = 1 / (1 + exp(−(a · logit(raw) + b))).
   *
   * @param method {@code platt} (the only one)
   */
  public record Calibration(String method, double a, double b) {
    public double apply(double raw) {
      double p = Math.min(1 - 1e-7, Math.max(1e-7, raw));
      return 1 / (1 + Math.exp(-(a * Math.log(p / (1 - p)) + b)));
    }
  }

  /**
   * Claim bands on the claim score: review at or above {@code review}; reject at or above
   * {@code reject} when that band is on (null: off).
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
   */
  public record TrainingDataSummary(String sha256, String source, long claims, long lines,
      String trainFrom, String holdoutFrom, String holdoutTo) {}
}
