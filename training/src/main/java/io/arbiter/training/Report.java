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
import java.util.Set;

/** report.md and its plots: what a person reads before promoting a model. */
final class Report {
  static final String ROC = "roc.png";
  static final String PRECISION_RECALL = "precision-recall.png";
  static final String RELIABILITY = "reliability.png";
  static final String REVIEW_YIELD = "review-yield.png";
  static final String BUDGETS = "budgets.png";

  private Report() {}

  static void write(Path out, ModelCard card, LabelledData data, double[] raw, double[] p, boolean[] y,
      Evaluation.Claims claims, double[] claimScores, Evaluation.Report evaluation, Set<String> leftOut)
      throws IOException {
    charts(out, card, raw, p, y, claims, claimScores, evaluation);
    Files.writeString(out.resolve("report.md"), markdown(card, data, evaluation, leftOut), StandardCharsets.UTF_8);
  }

  private static void charts(Path out, ModelCard card, double[] raw, double[] p, boolean[] y,
      Evaluation.Claims claims, double[] claimScores, Evaluation.Report evaluation) throws IOException {
    Charts.save(out.resolve(ROC), "ROC (holdout lines)", "false positive rate", "true positive rate", List.of(
        new Charts.Curve("model", Metrics.roc(p, y), false),
        new Charts.Curve("chance", Charts.diagonal(), false)));
    double baseRate = card.metrics().get("holdoutPositiveRate");
    Charts.save(out.resolve(PRECISION_RECALL), "Precision-recall (holdout lines)", "recall", "precision", List.of(
        new Charts.Curve("model", Metrics.precisionRecall(p, y), false),
        new Charts.Curve("base rate", List.of(new double[] {0, baseRate}, new double[] {1, baseRate}), false)));
    Charts.reliability(out.resolve(RELIABILITY), "Reliability (holdout lines, 10 equal-mass bins; n = lines)",
        evaluation.calibration().equalMass(), CalibrationBins.equalMass(raw, y));
    double[] values = new double[claims.valueAtStake().length];
    for (int k = 0; k < claims.lineClaim().length; k++) {
      values[claims.lineClaim()[k]] += claims.adjusted()[k];
    }
    Charts.save(out.resolve(REVIEW_YIELD), "Review yield (holdout claims)", "share of claims reviewed",
        "share of adjusted value found", List.of(
            new Charts.Curve("value at stake (the service)",
                java.util.Arrays.asList(Metrics.yieldCurve(claims.valueAtStake(), values)), false),
            new Charts.Curve("highest approved", java.util.Arrays.asList(Metrics.yieldCurve(claims.approved(), values)),
                false),
            new Charts.Curve("claim score 1 − Π(1 − p)", java.util.Arrays.asList(Metrics.yieldCurve(claimScores, values)),
                false),
            new Charts.Curve("random", Charts.diagonal(), false)));
    Charts.budgets(out.resolve(BUDGETS), "Adjusted value found per budget (holdout, 95 % bootstrap intervals)",
        evaluation);
  }

  private static String markdown(ModelCard card, LabelledData data, Evaluation.Report evaluation, Set<String> leftOut) {
    Map<String, Double> m = card.metrics();
    ModelCard.TrainingDataSummary d = card.trainingData();
    ModelCard.Calibration c = card.calibration();
    String calibration = ModelCard.Calibration.ISOTONIC.equals(c.method())
        ? String.format(Locale.ROOT, "isotonic, %d steps", c.knots().size())
        : String.format(Locale.ROOT, "Platt, p = σ(%.4f · logit(raw) %+.4f)", c.a(), c.b());
    StringBuilder md = new StringBuilder();
    md.append("# Model ").append(card.id()).append("\n\n");
    md.append(String.format(Locale.ROOT, """
        - Algorithm: %s; created %s
        - Training file: `%s` (%s)
        - Labelled lines: %d of %d claims; fit on %s to %s (%.0f lines), calibrated on %s to %s (%.0f lines), \
        held out %s to %s (%.0f lines, %.0f claims)
        - Labels: a line is positive when a reviewer took value off it (a payable adjustment); positives \
        weighted %.2f (negatives ÷ positives) in the fit
        - Patterns left out of training: %s
        - Features: %s, %d columns
        - Calibration: %s (out-of-fold Brier on the calibration part: Platt %.5f, isotonic %.5f; log loss \
        %.4f, %.4f)
        - Share of the approved value a payable adjustment takes off: %.4f on average; as a function of p, \
        isotonic in %d steps from %.3f to %.3f
        - Review threshold on the value at stake Σ p × cut share(p) × approved value: %.2f (budget %.1f %% of \
        claims; selects %.1f %% of the holdout period's checked claims, reviewed or not)
        - ONNX vs Tribuo on the holdout rows: max |Δp| = %.2e

        ## Holdout: the yardstick (as `arbiter evaluate` prints it)

        """, card.algorithm(), card.createdAt(), d.sha256(), d.source(), d.lines(), d.claims(), d.trainFrom(),
        data.calibrationFrom.minusDays(1), m.get("fitLines"), data.calibrationFrom, data.holdoutFrom.minusDays(1),
        m.get("calibrationLines"), d.holdoutFrom(), d.holdoutTo(), m.get("holdoutLines"), m.get("holdoutClaims"),
        m.get("positiveWeight"), leftOut.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(leftOut)),
        card.featureSchema().version(), card.featureSchema().size(), calibration, m.get("calibrationPlattBrier"),
        m.get("calibrationIsotonicBrier"), m.get("calibrationPlattLogLoss"), m.get("calibrationIsotonicLogLoss"),
        card.expectedCutShare(), card.cutShare().knots().size(), card.cutShare().rates().get(0),
        card.cutShare().rates().get(card.cutShare().rates().size() - 1), card.thresholds().review(), 100 * card.thresholds().reviewBudget(),
        100 * m.get("reviewedShareAtThreshold"), m.get("onnxMaxAbsDiff")));
    md.append(EvaluationMarkdown.of(evaluation));
    md.append(String.format(Locale.ROOT, """

        Ranked by the claim score 1 − Π(1 − p) instead, the top 5 %% would find %.1f %% of the adjusted value.

        ![Budgets](budgets.png) ![Review yield](review-yield.png)

        ![Reliability](reliability.png) ![ROC](roc.png) ![Precision-recall](precision-recall.png)
        """, 100 * m.get("yieldAt5pctByClaimScore")));
    return md.toString();
  }

  /** (mean predicted, observed rate) of the non-empty bins. */
  static List<double[]> points(List<Evaluation.Bin> bins) {
    List<double[]> points = new ArrayList<>();
    for (Evaluation.Bin bin : bins) {
      if (bin.count() > 0) {
        points.add(new double[] {bin.meanProbability(), bin.observedRate()});
      }
    }
    return points;
  }
}
