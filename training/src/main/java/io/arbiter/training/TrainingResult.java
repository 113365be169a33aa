package io.arbiter.training;

import io.arbiter.scoring.ModelCard;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@link Trainer#train} produced.
 *
 * @param card the model card written as {@code model-card.json}
 * @param directory where model.onnx, model-card.json, reference-stats.json, report.md and the
 *     plots are
 */
public record TrainingResult(ModelCard card, Path directory) {
  /** A few lines for a person: the model id, the split and the holdout metrics. */
  public String summary() {
    var m = card.metrics();
    var d = card.trainingData();
    return String.format(Locale.ROOT, """
        model %s (%s) written to %s
        data: %d labelled lines of %d claims; training from %s, holdout %s to %s
        holdout lines: AUC %.3f, average precision %.3f (base rate %.3f), Brier %.4f, ECE %.4f
        holdout claims: review threshold (value at stake) %.2f selects %.1f %%; reviewing the top 5 %% by value \
        at stake finds %.1f %% of the adjusted value (random: %.1f %%, highest approved: %.1f %%)""",
        card.id(), card.algorithm(), directory, d.lines(), d.claims(), d.trainFrom(), d.holdoutFrom(),
        d.holdoutTo(), m.get("auc"), m.get("averagePrecision"), m.get("holdoutPositiveRate"), m.get("brier"),
        m.get("ece"), card.thresholds().review(), 100 * m.get("reviewedShareAtThreshold"),
        100 * m.get("yieldAt5pct"), 100 * m.get("randomYieldAt5pct"), 100 * m.get("highestApprovedYieldAt5pct"));
  }
}
