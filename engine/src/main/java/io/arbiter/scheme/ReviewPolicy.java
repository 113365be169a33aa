package io.arbiter.scheme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.json.Json;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a scheme selects claims for review (spec §8), part of its {@link SchemeSettings}. Every field
 * may be null: the risk band thresholds then fall back to the model's own band, and a selection
 * over a set of claims must then give the mode's parameter itself. Immutable.
 *
 * @param reviewAt a claim whose value at stake (expected recoverable value, scheme currency) is at
 *     least this is in the review band and selected at submit; null keeps the band the model gave
 * @param rejectAt a claim whose value at stake is at least this is rejected at submit, every passed
 *     line with code -2; null (the default) turns automatic rejection off
 * @param selectUnscored whether a claim the model failed to score is selected (default true: a
 *     claim nobody assessed goes to a person)
 * @param randomPercent random mode: the percentage (1–100) of the set drawn
 * @param value value mode: a claim is selected when claimed ≥ this
 * @param variancePercent variance mode: selected when claimed > (1 + v/100) × the average approved
 *     amount of the previous year's claims with the same main diagnosis
 * @param varianceWithoutHistory variance mode: whether a claim whose main diagnosis has no history
 *     is selected (default false)
 * @param budgetClaims daily budget: at most this many claims selected per day claimed
 * @param budgetPercent daily budget: at most this percentage of the day's claims (floor)
 */
public record ReviewPolicy(
    Double reviewAt,
    Double rejectAt,
    Boolean selectUnscored,
    Double randomPercent,
    BigDecimal value,
    Double variancePercent,
    Boolean varianceWithoutHistory,
    Integer budgetClaims,
    Double budgetPercent) {

  /** No thresholds, no parameters: the model's bands decide at submit. */
  public static final ReviewPolicy NONE = new ReviewPolicy(null, null, null, null, null, null, null, null, null);

  /** Whether a claim the model could not score is selected. */
  public boolean selectsUnscored() {
    return selectUnscored == null || selectUnscored;
  }

  /** Whether claims whose main diagnosis has no history are selected by the variance mode. */
  public boolean includesWithoutHistory() {
    return varianceWithoutHistory != null && varianceWithoutHistory;
  }

  /**
   * The policy's version: a hash of its content, so that a decision names the exact rules that
   * selected it and an unrelated change to the scheme does not change it.
   */
  @JsonIgnore
  public String version() {
    try {
      byte[] json = Json.mapper().writeValueAsBytes(this);
      return "review-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 12);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot hash the review policy", e);
    }
  }
}
