package io.arbiter.training;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arbiter.json.Json;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.ModelCard;
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
 * regression or factorization machine is fitted on the fit part with positive lines weighted
 * negatives/positives; Platt scaling is fitted on the calibration part; the claim score
 * 1 − Π(1 − p) over a claim's labelled lines sets the review threshold on the holdout so that
 * {@link TrainingOptions#getReviewBudget()} of its claims are at or above it; holdout metrics go to
 * the card.
 *
 * <p>Writes, in {@link TrainingOptions#getOut()}: {@code model.onnx}, {@code model-card.json},
 * {@code reference-stats.json}, {@code report.md} and PNG plots (ROC, precision-recall,
 * reliability, review yield). Before it returns, the exported model is loaded with ONNX Runtime
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
      double[] calibratedHoldout, double[] claimScores, double[] claimValues, double onnxMaxDiff) {}

  static Run run(Path file, TrainingOptions options) throws IOException {
    if (options.getOut() == null) {
      throw new IllegalArgumentException("no output directory");
    }
    FeatureSchema schema = FeatureExtractor.schema();
    LabelledData data = LabelledData.load(file, options.getHoldoutShare(), options.getCalibrationShare());
    int[] fit = data.lines(LabelledData.Part.FIT);
    int[] calibration = data.lines(LabelledData.Part.CALIBRATION);
    int[] holdout = data.lines(LabelledData.Part.HOLDOUT);
    long positives = count(data.labels, fit);
    if (positives == 0 || positives == fit.length) {
      throw new IllegalArgumentException(file + ": the training period has " + positives + " adjusted lines of "
          + fit.length + "; training needs both adjusted and accepted lines");
    }
    double positiveWeight = (double) (fit.length - positives) / positives;

    Model<Label> model = TribuoModels.trainer(options).train(TribuoModels.dataset(schema, data.rows, data.labels,
        fit, positiveWeight, "arbiter training file sha256=" + data.sha256));
    TribuoModels.checkColumns(model, schema);
    Map<String, Integer> outputColumns = TribuoModels.outputColumns(model);

    boolean[] calibrationLabels = labelsOf(data.labels, calibration);
    ModelCard.Calibration platt = Platt.fit(TribuoModels.predict(model, schema, data.rows, calibration),
        calibrationLabels);

    boolean[] y = labelsOf(data.labels, holdout);
    double[] raw = TribuoModels.predict(model, schema, data.rows, holdout);
    double[] p = new double[raw.length];
    for (int k = 0; k < raw.length; k++) {
      p[k] = platt.apply(raw[k]);
    }

    // Claim scores over the holdout claims' labelled lines.
    List<Integer> claimIds = new ArrayList<>();
    Map<Integer, Integer> position = new LinkedHashMap<>();
    List<double[]> noRisk = new ArrayList<>();
    List<double[]> atRisk = new ArrayList<>();
    int amountColumn = schema.indexOf("line_amount_log");
    for (int k = 0; k < holdout.length; k++) {
      int claim = data.claimOf[holdout[k]];
      Integer at = position.get(claim);
      if (at == null) {
        at = claimIds.size();
        position.put(claim, at);
        claimIds.add(claim);
        noRisk.add(new double[] {1});
        atRisk.add(new double[] {0});
      }
      noRisk.get(at)[0] *= 1 - p[k];
      atRisk.get(at)[0] += p[k] * Math.expm1(data.rows[holdout[k]][amountColumn]);
    }
    double[] claimScores = new double[claimIds.size()];
    double[] claimValues = new double[claimIds.size()];
    for (int c = 0; c < claimScores.length; c++) {
      claimScores[c] = 1 - noRisk.get(c)[0];
      claimValues[c] = data.claims.get(claimIds.get(c)).adjustedValue();
    }
    double threshold = Metrics.threshold(claimScores, options.getReviewBudget());
    long selected = java.util.Arrays.stream(claimScores).filter(s -> s >= threshold).count();

    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("auc", Metrics.auc(p, y));
    metrics.put("averagePrecision", Metrics.averagePrecision(p, y));
    metrics.put("brier", Metrics.brier(p, y));
    metrics.put("ece", Metrics.ece(p, y));
    metrics.put("logLoss", Platt.logLoss(p, y));
    metrics.put("logLossRaw", Platt.logLoss(raw, y));
    metrics.put("holdoutPositiveRate", (double) count(data.labels, holdout) / holdout.length);
    metrics.put("holdoutLines", (double) holdout.length);
    metrics.put("holdoutClaims", (double) claimScores.length);
    metrics.put("fitLines", (double) fit.length);
    metrics.put("calibrationLines", (double) calibration.length);
    metrics.put("positiveWeight", positiveWeight);
    metrics.put("reviewedShareAtThreshold", (double) selected / claimScores.length);
    metrics.put("yieldAt5pct", Metrics.yieldAt(claimScores, claimValues, YIELD_SHARE));
    metrics.put("randomYieldAt5pct", randomYield(claimScores.length, YIELD_SHARE));
    double[] valueAtRisk = atRisk.stream().mapToDouble(v -> v[0]).toArray();
    metrics.put("yieldAt5pctByValueAtRisk", Metrics.yieldAt(valueAtRisk, claimValues, YIELD_SHARE));
    metrics.put("yieldAtBudget", Metrics.yieldAt(claimScores, claimValues, options.getReviewBudget()));

    Path out = options.getOut();
    Files.createDirectories(out);
    Path onnx = out.resolve("model.onnx");
    if (!(model instanceof ONNXExportable exportable)) {
      throw new IllegalStateException(model.getClass().getName() + " does not export to ONNX");
    }
    exportable.saveONNXModel(ONNX_DOMAIN, ONNX_VERSION, onnx);
    double maxDiff = parity(onnx, schema, data.rows, holdout, raw, outputColumns.get(ModelCard.POSITIVE_LABEL));
    metrics.put("onnxMaxAbsDiff", maxDiff);

    Instant now = options.getClock().instant();
    String id = options.getAlgorithm().shortName() + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ZoneOffset.UTC)) + "-" + data.sha256.substring(0, 8);
    ModelCard card = new ModelCard(id, options.getAlgorithm().cardName(), now, schema, outputColumns,
        TribuoModels.means(data.rows, fit, schema.size()), platt,
        new ModelCard.Thresholds(threshold, null, options.getReviewBudget()), metrics,
        new ModelCard.TrainingDataSummary(data.sha256, data.header.source(), data.claims.size(), data.rows.length,
            data.trainFrom.toString(), data.holdoutFrom.toString(), data.holdoutTo.toString()),
        TribuoModels.provenance(model));
    var writer = Json.mapper().writer(SerializationFeature.INDENT_OUTPUT);
    writer.writeValue(out.resolve("model-card.json").toFile(), card);
    writer.writeValue(out.resolve("reference-stats.json").toFile(), data.stats);
    Report.write(out, card, data, raw, p, y, claimScores, valueAtRisk, claimValues);
    return new Run(new TrainingResult(card, out), data, model, holdout, raw, p, claimScores, claimValues, maxDiff);
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
    } catch (OrtException e) {
      throw new IOException("cannot run the exported model " + onnx + ": " + e.getMessage(), e);
    }
  }

  /** What reviewing a random ceil(share · n) of n claims finds, in expectation: that share of the value. */
  static double randomYield(int claims, double share) {
    return claims == 0 ? 0 : Math.max(1, Math.ceil(share * claims)) / claims;
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
