package io.arbiter.training;

import io.arbiter.scoring.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** report.md and its plots: what a person reads before promoting a model. */
final class Report {
  static final String ROC = "roc.png";
  static final String PRECISION_RECALL = "precision-recall.png";
  static final String RELIABILITY = "reliability.png";
  static final String REVIEW_YIELD = "review-yield.png";

  private Report() {}

  static void write(Path out, ModelCard card, LabelledData data, double[] raw, double[] p, boolean[] y,
      double[] claimScores, double[] valueAtRisk, double[] claimValues) throws IOException {
    Charts.save(out.resolve(ROC), "ROC (holdout lines)", "false positive rate", "true positive rate", List.of(
        new Charts.Curve("model", Metrics.roc(p, y), false),
        new Charts.Curve("chance", Charts.diagonal(), false)));
    double baseRate = card.metrics().get("holdoutPositiveRate");
    Charts.save(out.resolve(PRECISION_RECALL), "Precision-recall (holdout lines)", "recall", "precision", List.of(
        new Charts.Curve("model", Metrics.precisionRecall(p, y), false),
        new Charts.Curve("base rate", List.of(new double[] {0, baseRate}, new double[] {1, baseRate}), false)));
    Charts.save(out.resolve(RELIABILITY), "Reliability (holdout lines, 10 bins)", "mean predicted probability",
        "observed adjusted rate", List.of(
            new Charts.Curve("calibrated", reliabilityPoints(p, y), true),
            new Charts.Curve("raw", reliabilityPoints(raw, y), true),
            new Charts.Curve("perfect", Charts.diagonal(), false)));
    Charts.save(out.resolve(REVIEW_YIELD), "Review yield (holdout claims)", "share of claims reviewed",
        "share of adjusted value found", List.of(
            new Charts.Curve("ranked by value at risk Σ p × amount",
                java.util.Arrays.asList(Metrics.yieldCurve(valueAtRisk, claimValues)), false),
            new Charts.Curve("ranked by claim score 1 − Π(1 − p)", java.util.Arrays.asList(Metrics.yieldCurve(claimScores, claimValues)),
                false),
            new Charts.Curve("random", Charts.diagonal(), false)));

    Map<String, Double> m = card.metrics();
    ModelCard.TrainingDataSummary d = card.trainingData();
    StringBuilder md = new StringBuilder();
    md.append("# Model ").append(card.id()).append("\n\n");
    md.append(String.format(Locale.ROOT, """
        - Algorithm: %s; created %s
        - Training file: `%s` (%s)
        - Labelled lines: %d of %d claims; fit on %s to %s (%.0f lines), calibrated on %s to %s (%.0f lines), \
        held out %s to %s (%.0f lines, %.0f claims)
        - Class imbalance: positive lines weighted %.2f (negatives ÷ positives) in the fit; Platt scaling fitted \
        unweighted on the calibration part
        - Features: %s, %d columns
        - Calibration: p = σ(%.4f · logit(raw) %+.4f)
        - Review threshold on the claim score 1 − Π(1 − p): %.4f (budget %.1f %% of claims; selects %.1f %% of \
        the holdout's claims)
        - ONNX vs Tribuo on the holdout rows: max |Δp| = %.2e

        ## Holdout metrics

        | metric | value |
        |---|---|
        """, card.algorithm(), card.createdAt(), d.sha256(), d.source(), d.lines(), d.claims(), d.trainFrom(),
        data.calibrationFrom.minusDays(1), m.get("fitLines"), data.calibrationFrom, data.holdoutFrom.minusDays(1),
        m.get("calibrationLines"), d.holdoutFrom(), d.holdoutTo(), m.get("holdoutLines"), m.get("holdoutClaims"),
        m.get("positiveWeight"), card.featureSchema().version(), card.featureSchema().size(),
        card.calibration().a(), card.calibration().b(), card.thresholds().review(),
        100 * card.thresholds().reviewBudget(), 100 * m.get("reviewedShareAtThreshold"), m.get("onnxMaxAbsDiff")));
    for (String name : List.of("auc", "averagePrecision", "holdoutPositiveRate", "brier", "ece", "logLoss",
        "logLossRaw", "yieldAt5pct", "yieldAt5pctByValueAtRisk", "randomYieldAt5pct", "yieldAtBudget")) {
      md.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, m.get(name)));
    }
    md.append("""

        Line metrics use the calibrated probability (`logLossRaw`: the uncalibrated one). Review yield: the
        share of all adjusted value in the holdout's reviewed claims that reviewing the top 5 % of claims
        would have found, ranked by claim score (`yieldAt5pct`) or by value at risk, Σ p × line amount
        (`yieldAt5pctByValueAtRisk`); at random that is 5 % in expectation. The score says how likely a
        claim holds a wrong line; the value at risk says how much a review of it is likely to recover.

        ![ROC](roc.png) ![Precision-recall](precision-recall.png)

        ![Reliability](reliability.png) ![Review yield](review-yield.png)
        """);
    Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
  }

  /** (mean predicted, observed rate) of the non-empty bins. */
  private static List<double[]> reliabilityPoints(double[] p, boolean[] y) {
    List<double[]> points = new ArrayList<>();
    for (double[] bin : Metrics.reliability(p, y)) {
      if (bin[0] > 0) {
        points.add(new double[] {bin[1], bin[2]});
      }
    }
    return points;
  }
}
