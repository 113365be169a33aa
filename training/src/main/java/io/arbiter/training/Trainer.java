package io.arbiter.training;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
import io.arbiter.scoring.onnx.OnnxException;
import io.arbiter.scoring.onnx.OnnxRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;

/**
 * Trains a line-level risk model from a training file and writes everything serving needs.
 *
 * <p>Steps: labelled claims are split by date (the latest {@link TrainingOptions#getHoldoutShare()}
 * held out, the latest {@link TrainingOptions#getCalibrationShare()} of the rest kept for
 * calibration, the earlier claims fit the model); reference stats are counted over the training
 * period only; every record is replayed in file order to compute features; a Tribuo logistic
 * regression or factorization machine is fitted on the fit part with positive lines (payable
 * adjustments, {@link io.arbiter.scoring.TrainingRecord#payable}) weighted negatives/positives;
 * Platt scaling or isotonic calibration, whichever does better out of fold, is fitted on the
 * calibration part; the expected cut share is measured on the fit part; the claims' value at stake
 * (Σ p × cut share × approved value over their labelled lines) sets the review threshold on the
 * holdout so that {@link TrainingOptions#getReviewBudget()} of its claims are at or above it; the
 * holdout's {@link Evaluation} goes to the card's metrics, {@code evaluation.json} and the report.
 *
 * <p>Writes, in {@link TrainingOptions#getOut()}: {@code model.onnx}, {@code model-card.json},
 * {@code reference-stats.json}, {@code evaluation.json}, {@code report.md} and PNG plots (ROC,
 * precision-recall, reliability with bin counts, review yield, budgets with intervals). Before it returns, the exported model is loaded with ONNX Runtime
 * and must agree with Tribuo's predictions on the holdout within {@value #PARITY_TOLERANCE}, with
 * an input of the schema's width.
 */
public final class Trainer {
  /** Largest |ONNX − Tribuo| probability accepted on the holdout rows. */
  public static final double PARITY_TOLERANCE = 1e-5;
  static final String ONNX_DOMAIN = "io.arbiter";
  static final long ONNX_VERSION = 1;
  static final double YIELD_SHARE = 0.05;

  private Trainer() {}

  /**
   * Trains and writes a model.
   *
   * @throws IOException when the file cannot be read, is not a training file, or the outputs
   *     cannot be written
   * @throws IllegalArgumentException when the file has too few reviewed claims, dates or positive
   *     lines to split and train, or {@code options} has no output directory
   * @throws IllegalStateException when the exported model does not match the feature schema or
   *     Tribuo's own predictions (a bug, never a data problem)
   */
  public static TrainingResult train(Path data, TrainingOptions options) throws IOException {
    return run(data, options).result();
  }

  /** A finished training, with what tests inspect beyond the written files. */
  record Run(TrainingResult result, LabelledData data, Model<Label> model, int[] holdout, double[] rawHoldout,
      double[] calibratedHoldout, Evaluation.Report evaluation, double[] holdoutValues, double onnxMaxDiff) {}

  static Run run(Path file, TrainingOptions options) throws IOException {
    if (options.getOut() == null) {
      throw new IllegalArgumentException("no output directory");
    }
    FeatureSchema schema = FeatureExtractor.schema();
    LabelledData data = LabelledData.load(file, options.getHoldoutShare(), options.getCalibrationShare(),
        options.getLeftOutPatterns());
    Fitted f = fit(file, data, schema, options);
    Scored s = score(data, f, schema, options);
    double[] claimScores = claimScores(s.claims());
    Map<String, Double> metrics = metrics(data, f, s, claimScores, options);

    Path out = options.getOut();
    Files.createDirectories(out);
    Path onnx = out.resolve("model.onnx");
    if (!(f.model() instanceof ONNXExportable exportable)) {
      throw new IllegalStateException(f.model().getClass().getName() + " does not export to ONNX");
    }
    exportable.saveONNXModel(ONNX_DOMAIN, ONNX_VERSION, onnx);
    double maxDiff = parity(onnx, schema, data.rows, f.holdout(), s.raw(),
        f.outputColumns().get(ModelCard.POSITIVE_LABEL));
    metrics.put("onnxMaxAbsDiff", maxDiff);

    ModelCard card = card(data, f, s.threshold(), metrics, schema, options);
    Evaluation.Report named = Evaluation.evaluate(card.id(), s.claims());
    var writer = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT);
    writer.writeValue(out.resolve("model-card.json").toFile(), card);
    writer.writeValue(out.resolve("reference-stats.json").toFile(), data.stats);
    writer.writeValue(out.resolve(EVALUATION).toFile(), named);
    Report.write(out, card, data, s.raw(), s.p(), s.y(), s.claims(), claimScores, named, options.getLeftOutPatterns());
    return new Run(new TrainingResult(card, out), data, f.model(), f.holdout(), s.raw(), s.p(), named, s.everyClaim(),
        maxDiff);
  }

  /** The model trained on the fit part, its calibration and cut-share curve chosen on the calibration part. */
  private record Fitted(int[] fit, int[] calibration, int[] holdout, double positiveWeight, double cutShare,
      Model<Label> model, Map<String, Integer> outputColumns, Isotonic.Choice choice,
      ModelCard.Calibration cutCurve) {}

  /** The holdout scored: its lines and claims, and the review threshold chosen on every checked claim. */
  private record Scored(boolean[] y, double[] raw, double[] p, Evaluation.Claims claims, Evaluation.Report evaluation,
      double[] everyClaim, double threshold, long selected) {}

  private static Fitted fit(Path file, LabelledData data, FeatureSchema schema, TrainingOptions options) {
    int[] fit = data.lines(LabelledData.Part.FIT);
    int[] calibration = data.lines(LabelledData.Part.CALIBRATION);
    int[] holdout = data.lines(LabelledData.Part.HOLDOUT);
    long positives = count(data.labels, fit);
    if (positives == 0 || positives == fit.length) {
      throw new IllegalArgumentException(file + ": the training period has " + positives + " adjusted lines of "
          + fit.length + "; training needs both adjusted and accepted lines");
    }
    double positiveWeight = (double) (fit.length - positives) / positives;
    double cutShare = cutShare(data, fit);

    Model<Label> model = TribuoModels.trainer(options).train(TribuoModels.dataset(schema, data.rows, data.labels,
        fit, positiveWeight, "arbiter training file sha256=" + data.sha256));
    TribuoModels.checkColumns(model, schema);
    Map<String, Integer> outputColumns = TribuoModels.outputColumns(model);

    Isotonic.Choice choice = Isotonic.choose(TribuoModels.predict(model, schema, data.rows, calibration),
        labelsOf(data.labels, calibration));
    ModelCard.Calibration cutCurve = cutShareCurve(data, calibration,
        choice.calibration(), TribuoModels.predict(model, schema, data.rows, calibration));
    return new Fitted(fit, calibration, holdout, positiveWeight, cutShare, model, outputColumns, choice, cutCurve);
  }

  private static Scored score(LabelledData data, Fitted f, FeatureSchema schema, TrainingOptions options) {
    ModelCard.Calibration calibrated = f.choice().calibration();
    boolean[] y = labelsOf(data.labels, f.holdout());
    double[] raw = TribuoModels.predict(f.model(), schema, data.rows, f.holdout());
    double[] p = calibratedValues(raw, calibrated);
    Evaluation.Claims claims = Evaluation.claims(data, f.holdout(), p,
        f.cutCurve()::apply, options.getAnomalyWeight(), options.getLeftOutPatterns());
    Evaluation.Report evaluation = Evaluation.evaluate(null, claims);
    double[] everyClaim = holdoutValues(claims, data.unreviewed,
        calibratedValues(TribuoModels.predict(f.model(), schema, data.unreviewed.rows(),
            java.util.stream.IntStream.range(0, data.unreviewed.rows().length).toArray()), calibrated),
        f.cutCurve(), options.getAnomalyWeight());
    double threshold = Metrics.threshold(everyClaim, options.getReviewBudget());
    long selected = java.util.Arrays.stream(everyClaim).filter(v -> v >= threshold).count();
    return new Scored(y, raw, p, claims, evaluation, everyClaim, threshold, selected);
  }

  /** The card's metrics, in the card's order (the ONNX parity is added after the export). */
  private static Map<String, Double> metrics(LabelledData data, Fitted f, Scored s, double[] claimScores,
      TrainingOptions options) {
    Evaluation.Report evaluation = s.evaluation();
    Isotonic.Choice choice = f.choice();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("auc", evaluation.calibration().auc());
    metrics.put("averagePrecision", evaluation.calibration().averagePrecision());
    metrics.put("brier", evaluation.calibration().brier());
    metrics.put("ece", evaluation.calibration().eceEqualWidth());
    metrics.put("eceEqualMass", evaluation.calibration().eceEqualMass());
    metrics.put("logLoss", evaluation.calibration().logLoss());
    metrics.put("logLossRaw", Platt.logLoss(s.raw(), s.y()));
    metrics.put("calibrationPlattBrier", choice.plattBrier());
    metrics.put("calibrationIsotonicBrier", choice.isotonicBrier());
    metrics.put("calibrationPlattLogLoss", choice.plattLogLoss());
    metrics.put("calibrationIsotonicLogLoss", choice.isotonicLogLoss());
    metrics.put("holdoutPositiveRate", (double) count(data.labels, f.holdout()) / f.holdout().length);
    metrics.put("holdoutLines", (double) f.holdout().length);
    metrics.put("holdoutClaims", (double) s.claims().valueAtStake().length);
    metrics.put("fitLines", (double) f.fit().length);
    metrics.put("calibrationLines", (double) f.calibration().length);
    metrics.put("positiveWeight", f.positiveWeight());
    metrics.put("holdoutCheckedClaims", (double) s.everyClaim().length);
    metrics.put("reviewedShareAtThreshold", (double) s.selected() / s.everyClaim().length);
    Evaluation.Budget five = evaluation.at(YIELD_SHARE);
    metrics.put("yieldAt5pct", five.rankings().get(Evaluation.SERVICE).valueShare());
    metrics.put("randomYieldAt5pct", five.rankings().get(Evaluation.RANDOM).valueShare());
    metrics.put("highestApprovedYieldAt5pct", five.rankings().get(Evaluation.HIGHEST_APPROVED).valueShare());
    metrics.put("highestClaimedYieldAt5pct", five.rankings().get(Evaluation.HIGHEST_CLAIMED).valueShare());
    metrics.put("yieldAt5pctByClaimScore", Metrics.yieldAt(claimScores, claimValues(s.claims()), YIELD_SHARE));
    metrics.put("yieldAtBudget", Metrics.yieldAt(s.claims().valueAtStake(), claimValues(s.claims()),
        options.getReviewBudget()));
    return metrics;
  }

  private static ModelCard card(LabelledData data, Fitted f, double threshold, Map<String, Double> metrics,
      FeatureSchema schema, TrainingOptions options) {
    Instant now = options.getClock().instant();
    String id = options.getAlgorithm().shortName() + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ZoneOffset.UTC)) + "-" + data.sha256.substring(0, 8);
    return new ModelCard(id, options.getAlgorithm().cardName(), now, schema, f.outputColumns(),
        TribuoModels.means(data.rows, f.fit(), schema.size()), f.choice().calibration(),
        new ModelCard.Thresholds(threshold, null, options.getReviewBudget()), f.cutShare(), f.cutCurve(),
        options.getAnomalyWeight(), metrics,
        new ModelCard.TrainingDataSummary(data.sha256, data.header.source(), data.claims.size(), data.rows.length,
            data.trainFrom.toString(), data.holdoutFrom.toString(), data.holdoutTo.toString(),
            options.getLeftOutPatterns().stream().sorted().toList()),
        TribuoModels.provenance(f.model()));
  }

  /**
   * The value at stake of every checked claim of the holdout period: the reviewed ones', then those
   * nobody reviewed. The review threshold is chosen on all of them, so that the band selects the
   * budget's share of the claims the service will see, not of the reviewed ones (costlier, since
   * reviewers pick the costly claims more often).
   */
  private static double[] holdoutValues(Evaluation.Claims reviewed, LabelledData.Unreviewed unreviewed, double[] p,
      ModelCard.Calibration cutCurve, double anomalyWeight) {
    int n = reviewed.valueAtStake().length;
    double[] values = java.util.Arrays.copyOf(reviewed.valueAtStake(), n + unreviewed.claims());
    for (int k = 0; k < p.length; k++) {
      values[n + unreviewed.claimOf()[k]] += io.arbiter.scoring.Stake.valueAtStake(p[k], cutCurve.apply(p[k]),
          anomalyWeight * io.arbiter.scoring.Anomaly.of(unreviewed.rows()[k]), unreviewed.approved()[k]);
    }
    return values;
  }

  private static double[] calibratedValues(double[] raw, ModelCard.Calibration calibration) {
    double[] p = new double[raw.length];
    for (int k = 0; k < raw.length; k++) {
      p[k] = calibration.apply(raw[k]);
    }
    return p;
  }

  /** The evaluation of the holdout, as {@code arbiter evaluate --json} prints it. */
  static final String EVALUATION = "evaluation.json";

  /**
   * Σ value cut ÷ Σ approved value over the fit part's positive lines: what a payable adjustment
   * takes off a line, on average, weighted by value (so that Σ p × share × approved estimates the
   * money recovered, not the mean of ratios that small lines would dominate).
   */
  static double cutShare(LabelledData data, int[] fit) {
    double cut = 0;
    double approved = 0;
    for (int i : fit) {
      if (data.labels[i]) {
        cut += data.adjusted[i];
        approved += data.approved[i];
      }
    }
    return approved <= 0 ? 1 : Math.min(1, cut / approved);
  }

  /**
   * The share a payable adjustment takes off as a non-decreasing function of the line's calibrated
   * probability, fitted (isotonic) on the calibration part's payable adjustments: the lines a model
   * is sure of are mostly rejected outright (share 1), the doubtful ones trimmed, so a constant
   * share would overvalue a large, unremarkable line against a small, blatant one.
   */
  static ModelCard.Calibration cutShareCurve(LabelledData data, int[] calibration, ModelCard.Calibration calibrated,
      double[] raw) {
    java.util.List<double[]> points = new java.util.ArrayList<>();
    for (int k = 0; k < calibration.length; k++) {
      int line = calibration[k];
      if (data.labels[line] && data.approved[line] > 0) {
        points.add(new double[] {calibrated.apply(raw[k]), Math.min(1, data.adjusted[line] / data.approved[line])});
      }
    }
    if (points.isEmpty()) {
      return ModelCard.Calibration.isotonic(java.util.List.of(0.0), java.util.List.of(cutShare(data, calibration)));
    }
    return Isotonic.fit(points.stream().mapToDouble(q -> q[0]).toArray(), points.stream().mapToDouble(q -> q[1]).toArray(),
        0, 1);
  }

  /** Per claim, 1 − Π(1 − p): the likelihood it holds a payable adjustment, for comparison only. */
  private static double[] claimScores(Evaluation.Claims c) {
    double[] keep = new double[c.valueAtStake().length];
    java.util.Arrays.fill(keep, 1);
    for (int k = 0; k < c.lineClaim().length; k++) {
      keep[c.lineClaim()[k]] *= 1 - c.probability()[k];
    }
    for (int i = 0; i < keep.length; i++) {
      keep[i] = 1 - keep[i];
    }
    return keep;
  }

  private static double[] claimValues(Evaluation.Claims c) {
    double[] value = new double[c.valueAtStake().length];
    for (int k = 0; k < c.lineClaim().length; k++) {
      value[c.lineClaim()[k]] += c.adjusted()[k];
    }
    return value;
  }

  /**
   * Largest |ONNX − Tribuo| positive probability over the holdout rows.
   *
   * @throws IllegalStateException when the ONNX input is not the schema's width or the difference
   *     exceeds {@link #PARITY_TOLERANCE}
   */
  private static double parity(Path onnx, FeatureSchema schema, float[][] rows, int[] lines, double[] tribuo,
      int positiveColumn) throws IOException {
    try (OnnxRunner runner = new OnnxRunner(onnx)) {
      if (runner.width() != schema.size()) {
        throw new IllegalStateException("the ONNX model takes " + runner.width() + " columns, the schema has "
            + schema.size());
      }
      float[][] batch = new float[lines.length][];
      for (int k = 0; k < lines.length; k++) {
        batch[k] = rows[lines[k]];
      }
      float[][] out = runner.run(batch);
      double max = 0;
      for (int k = 0; k < lines.length; k++) {
        max = Math.max(max, Math.abs(out[k][positiveColumn] - tribuo[k]));
      }
      if (max > PARITY_TOLERANCE) {
        throw new IllegalStateException("ONNX and Tribuo differ by up to " + max + " on the holdout");
      }
      return max;
    } catch (OnnxException e) {
      throw new IOException("cannot run the exported model " + onnx + ": " + e.getMessage(), e);
    }
  }

  private static long count(boolean[] labels, int[] lines) {
    long n = 0;
    for (int i : lines) {
      n += labels[i] ? 1 : 0;
    }
    return n;
  }

  private static boolean[] labelsOf(boolean[] labels, int[] lines) {
    boolean[] y = new boolean[lines.length];
    for (int k = 0; k < lines.length; k++) {
      y[k] = labels[lines[k]];
    }
    return y;
  }
}
