package io.arbiter.scheme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.arbiter.json.Json;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a scheme selects claims for review (docs/adjudication.md §8), part of its {@link SchemeSettings}. Every field
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

  /**
   * What in this policy no selection could use: a negative threshold (thresholds are values at
   * stake, amounts in the scheme's currency), {@code randomPercent} outside 1–100, a negative {@code value}, {@code variancePercent}
   * or {@code budgetClaims}, {@code budgetPercent} outside 0–100, or both budgets at once (a
   * selection needs exactly one). Refused at scheme upload so that it never makes every
   * {@code POST /v1/review-selection} fail.
   *
   * @param at the JSON pointer of this policy in its document
   * @return each problem, naming its field by JSON pointer; empty when the policy is usable
   */
  public List<SchemeProblem> problems(String at) {
    List<SchemeProblem> problems = new ArrayList<>();
    nonNegative(problems, at + "/reviewAt", reviewAt == null ? null : Double.compare(reviewAt, 0), reviewAt);
    nonNegative(problems, at + "/rejectAt", rejectAt == null ? null : Double.compare(rejectAt, 0), rejectAt);
    between(problems, at + "/randomPercent", randomPercent, 1, 100);
    nonNegative(problems, at + "/value", value == null ? null : value.signum(), value);
    nonNegative(problems, at + "/variancePercent", variancePercent == null ? null : Double.compare(variancePercent, 0),
        variancePercent);
    nonNegative(problems, at + "/budgetClaims", budgetClaims == null ? null : Integer.signum(budgetClaims), budgetClaims);
    between(problems, at + "/budgetPercent", budgetPercent, 0, 100);
    if (budgetClaims != null && budgetPercent != null) {
      problems.add(new SchemeProblem(at + "/budgetPercent", "give at most one of budgetClaims and budgetPercent"));
    }
    return problems;
  }

  private static void between(List<SchemeProblem> problems, String field, Double value, double min, double max) {
    if (value != null && !(value >= min && value <= max)) {
      problems.add(new SchemeProblem(field, "must be between " + plain(min) + " and " + plain(max) + ", was " + value));
    }
  }

  private static void nonNegative(List<SchemeProblem> problems, String field, Integer sign, Object value) {
    if (sign != null && sign < 0) {
      problems.add(new SchemeProblem(field, "must not be negative, was " + value));
    }
  }

  private static String plain(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

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
