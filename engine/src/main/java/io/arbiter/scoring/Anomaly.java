package io.arbiter.scoring;

import static io.arbiter.scoring.FeatureColumns.CLAIM_LINES;
import static io.arbiter.scoring.FeatureColumns.FACILITY_CODE_LIFT;
import static io.arbiter.scoring.FeatureColumns.REPEAT_SHARE;

import java.util.ArrayList;
import java.util.List;

/*
 * Why a term outside the model: a supervised model only learns weights from labelled lines, and
 * new abuse starts unlabelled (issue 16 §4; models/README.md measured 0 % of the value of two
 * patterns left out of training). This term reads two peer-deviation features the extractor already
 * computes at submit, from the ledger and the model's reference stats, and turns them into the share
 * of a line's approved value that the deviation itself says is excess. It needs no label, no claim
 * scan and no fitted parameter, so it is the same at training, evaluation and serving time.
 */

/**
 * The unsupervised anomaly of one line, from its feature row: a number in [0, 1] read as the share
 * of the line's approved value the deviation says is not owed (docs/scoring.md, "Value at stake").
 * It is the larger of:
 *
 * <ul>
 *   <li><b>over-use against the facility's peers</b>: when the facility puts this code on
 *       {@code lift} ≥ {@value #MIN_LIFT} times as many of its claims as the facilities of its
 *       level do ({@code facility_code_lift_log}), the excess share 1 − 1/lift of such lines;
 *   <li><b>repeat of an earlier claim</b>: when at least {@value #MIN_REPEAT_SHARE} of a claim of
 *       {@value #MIN_REPEAT_LINES} or more lines repeat one earlier claim of the insuree within
 *       {@value FeatureColumns#REPEAT_DAYS} days ({@code repeat_claim_share}), that share. A
 *       one-line repeat is a follow-up visit far more often than a duplicate, hence the floor.
 * </ul>
 *
 * <p>0 otherwise, and 0 for a row of the wrong width. Pure and thread-safe.
 */
public final class Anomaly {
  /**
   * The lift from which a facility's use of a code counts as over-use: twice its peers', where at
   * least half of such lines are excess. At 1.5 honest facilities' specialities outweighed what it
   * found (models/README.md, "The anomaly term").
   */
  public static final double MIN_LIFT = 2;
  /** The share of a claim's lines that must repeat one earlier claim. */
  public static final double MIN_REPEAT_SHARE = 0.5;
  /** The fewest lines a repeated claim must have. */
  public static final int MIN_REPEAT_LINES = 2;

  private Anomaly() {}

  /** The anomaly of the line whose features are {@code row} (in {@link FeatureExtractor#schema()} order). */
  public static double of(float[] row) {
    if (row == null || row.length != FeatureColumns.SCHEMA.size()) {
      return 0;
    }
    return Math.max(overUse(row), repeat(row));
  }

  /**
   * {@code reasons} with, first, the phrase of the signal that gives the line its anomaly (the
   * same words {@link Reasons} uses for that feature), so that a claim the anomaly term raised says
   * why even when the model's weight on that feature is nil; at most {@link Reasons#MAX}. The
   * reasons unchanged when the line has no anomaly or already says it.
   */
  public static List<String> withReason(List<String> reasons, float[] row) {
    double a = of(row);
    if (a <= 0) {
      return reasons;
    }
    String reason = Reasons.describe(repeat(row) >= overUse(row) ? "repeat_claim_share" : "facility_code_lift_log", row);
    if (reason == null || reasons.contains(reason)) {
      return reasons;
    }
    List<String> with = new ArrayList<>(Reasons.MAX);
    with.add(reason);
    with.addAll(reasons.subList(0, Math.min(reasons.size(), Reasons.MAX - 1)));
    return with;
  }

  private static double overUse(float[] row) {
    // compared in the row's own float log scale, so that a lift of exactly MIN_LIFT counts
    return row[FACILITY_CODE_LIFT] >= (float) Math.log(MIN_LIFT) ? 1 - Math.exp(-row[FACILITY_CODE_LIFT]) : 0;
  }

  private static double repeat(float[] row) {
    double share = row[REPEAT_SHARE];
    return share >= MIN_REPEAT_SHARE && row[CLAIM_LINES] >= MIN_REPEAT_LINES ? Math.min(1, share) : 0;
  }
}
