package io.arbiter.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Population stability of what a model is served, against its reference distribution. PSI =
 * Σ (current − reference) · ln(current ÷ reference) over the reference's quantile bins (shares
 * floored at 1e-4). Rule of thumb: below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 major;
 * an alert is raised at {@link #ALERT_THRESHOLD}. Immutable.
 *
 * @param modelVersion the model the report is about
 * @param referenceSource {@code file} (the model folder's {@code drift-reference.json}),
 *     {@code served} (the first {@code referenceRows} rows this model served, then frozen and
 *     written to {@code drift-reference.json}) or {@code collecting} (not yet enough rows: no PSI)
 * @param referenceRows rows (lines) the feature reference was built from, or collected so far
 * @param currentRows lines served since the reference was frozen
 * @param currentClaims claims scored since the claim-score reference was frozen
 * @param alertThreshold {@link #ALERT_THRESHOLD}
 * @param score the claim score's stability; null while collecting, and then left out of the JSON
 * @param features every feature's stability, largest PSI first; empty while collecting
 * @param alerts names (a feature, or {@code claim_score}) whose PSI is at or above the threshold
 */
public record DriftReport(String modelVersion, String referenceSource, long referenceRows, long currentRows,
    long currentClaims, double alertThreshold, @JsonInclude(JsonInclude.Include.NON_NULL) Stability score,
    List<Stability> features, List<String> alerts) {
  /** PSI at or above which a feature (or the score) is reported as drifted. */
  public static final double ALERT_THRESHOLD = 0.2;

  public DriftReport {
    features = List.copyOf(features);
    alerts = List.copyOf(alerts);
  }

  /**
   * @param name a feature name, or {@code claim_score}
   * @param psi population stability index, ≥ 0; null when nothing was served since the reference
   * @param level {@code stable} (&lt; 0.1), {@code moderate} (&lt; 0.25), {@code major}, or
   *     {@code no-data}
   */
  public record Stability(String name, Double psi, String level) {
    static Stability of(String name, double psi) {
      if (Double.isNaN(psi)) {
        return new Stability(name, null, "no-data");
      }
      return new Stability(name, psi, psi < 0.1 ? "stable" : psi < 0.25 ? "moderate" : "major");
    }
  }
}
