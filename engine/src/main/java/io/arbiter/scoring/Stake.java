package io.arbiter.scoring;

import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.LineDecision;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A claim's score and value at stake under one model card, accumulated line by line over its
 * passed lines: the claim score is 1 − Π(1 − p), the value at stake Σ {@link #valueAtStake} (with
 * each line's {@link Anomaly} weighted by the card's {@link ModelCard#anomalyWeightOrZero()}), and
 * the band is the card's thresholds applied to that value ({@link #band(double, ModelCard.Thresholds)}).
 * Not thread-safe: one instance per claim and model.
 */
public final class Stake {
  private final ModelCard card;
  private double keep = 1;
  private double value;

  /** An empty claim (score 0, nothing at stake) under {@code card}. */
  public Stake(ModelCard card) {
    this.card = card;
  }

  /**
   * Adds a passed line from the model's raw probability and its feature row (which gives its
   * {@link Anomaly}); returns its calibrated probability.
   */
  public double add(float raw, LineDecision line, float[] row) {
    double p = card.calibration().apply(raw);
    keep *= 1 - p;
    value += valueAtStake(p, card.cutShareAt(p), card.anomalyWeightOrZero() * Anomaly.of(row),
        line.approvedValue().doubleValue());
    return p;
  }

  /** 1 − Π(1 − p) over the lines added. */
  public double score() {
    return 1 - keep;
  }

  /** The value at stake, rounded half-up to 2 decimals. */
  public BigDecimal value() {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** The band of the rounded value at stake under the card's thresholds. */
  public String band() {
    return band(value().doubleValue(), card.thresholds());
  }

  /**
   * A line's expected recoverable value: (p × c + (1 − p) × a) × its approved value, where p is the
   * probability of a payable adjustment, c the share of the approved value such an adjustment is
   * expected to take off ({@link ModelCard#cutShareAt}) and a the share an unlabelled anomaly says
   * is excess (the card's weight × {@link Anomaly#of}, clamped to [0, 1]): with probability p the
   * reviewer cuts what the model learnt, otherwise what the anomaly shows. With a = 0 it is p × c ×
   * value, the formula before the anomaly term. A claim's value at stake is the sum over its passed
   * lines; training and evaluation rank claims by the same sum.
   */
  public static double valueAtStake(double probability, double expectedCutShare, double anomaly,
      double approvedValue) {
    double a = Math.max(0, Math.min(1, anomaly));
    return (probability * expectedCutShare + (1 - probability) * a) * Math.max(0, approvedValue);
  }

  /** The band of a value at stake: at or above reject (when set) → reject, at or above review → review. */
  public static String band(double valueAtStake, ModelCard.Thresholds t) {
    if (t.reject() != null && valueAtStake >= t.reject()) {
      return ClaimRisk.BAND_REJECT;
    }
    return valueAtStake >= t.review() ? ClaimRisk.BAND_REVIEW : ClaimRisk.BAND_PASS;
  }
}
