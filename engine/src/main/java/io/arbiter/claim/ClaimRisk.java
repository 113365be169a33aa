package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * The risk model's view of a claim. A claim is scored when a model is active; when scoring fails
 * the rules decision still stands and the claim is marked {@link #BAND_UNSCORED} with the reason.
 * Immutable.
 *
 * <p>The band, the review queue's order, the daily budget and automatic rejection all rank claims
 * by {@code valueAtStake}, the money a review is expected to recover, not by {@code score}: a
 * claim of many small lines is likely to hold some adjusted line and yet worth little to review.
 *
 * @param band {@link #BAND_PASS}, {@link #BAND_REVIEW}, {@link #BAND_REJECT} or {@link #BAND_UNSCORED},
 *     from {@code valueAtStake}
 * @param score 1 − Π(1 − p) over the claim's lines, in [0, 1]: how likely a reviewer cuts some
 *     line; null when unscored
 * @param valueAtStake expected recoverable value, Σ over passed lines of p × the model's expected
 *     cut share × the line's approved value (scheme currency, scale 2); null when unscored
 * @param modelVersion the model that scored the claim (or failed to)
 * @param error why the claim is unscored; null when scored
 * @param shadow the candidate model's score of the same claim when a shadow model runs; else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimRisk(String band, Double score, BigDecimal valueAtStake, String modelVersion, String error,
    Shadow shadow) {
  public static final String BAND_PASS = "pass";
  public static final String BAND_REVIEW = "review";
  public static final String BAND_REJECT = "reject";
  public static final String BAND_UNSCORED = "unscored";

  /** A claim that could not be scored: the rules decision stands. */
  public static ClaimRisk unscored(String modelVersion, String error) {
    return new ClaimRisk(BAND_UNSCORED, null, null, modelVersion, error, null);
  }

  /** The shadow model's verdict, recorded beside the active one and never acted on. */
  public record Shadow(String modelVersion, double score, BigDecimal valueAtStake, String band) {}
}
