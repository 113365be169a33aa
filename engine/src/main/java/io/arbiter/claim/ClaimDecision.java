package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The decision on a claim: openIMIS claim status and codes, totals, one {@link LineDecision} per
 * line, and the versions of the scheme, ruleset and model that made it. Immutable.
 *
 * @param status 1 rejected, 2 entered, 4 checked, 8 processed, 16 valuated
 * @param rejectionReason 1 when no line passed, else 0
 * @param category claim category (S, D, A, H, C, V); null for a rejected claim
 * @param claimed Σ qtyProvided × priceAsked
 * @param approved Σ q × unit price over passed lines (provisional valuation)
 * @param valuated Σ priceValuated, once processed
 * @param reviewStatus 1 idle, 2 not selected, 4 selected, 8 delivered, 16 bypassed
 * @param modelVersion the risk model's version; null while no model scored the claim
 * @param risk the claim's risk score and band; null when no model is active
 * @param selection why the claim was (not) selected for review; null while no selection looked at it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimDecision(
    String code,
    String chfId,
    String healthFacility,
    int status,
    int rejectionReason,
    String category,
    BigDecimal claimed,
    BigDecimal approved,
    BigDecimal valuated,
    int reviewStatus,
    String schemeVersion,
    String rulesetVersion,
    String modelVersion,
    Instant decidedAt,
    List<LineDecision> items,
    List<LineDecision> services,
    ClaimRisk risk,
    ReviewSelection selection) {

  public static final int STATUS_REJECTED = 1;
  public static final int STATUS_ENTERED = 2;
  public static final int STATUS_CHECKED = 4;
  public static final int STATUS_PROCESSED = 8;
  public static final int STATUS_VALUATED = 16;

  /**
   * The openIMIS name of a claim status ({@code rejected}, {@code entered}, {@code checked},
   * {@code processed}, {@code valuated}), as metrics and FHIR show it.
   *
   * @throws IllegalArgumentException for a number that is no claim status
   */
  public static String statusName(int status) {
    return switch (status) {
      case STATUS_REJECTED -> "rejected";
      case STATUS_ENTERED -> "entered";
      case STATUS_CHECKED -> "checked";
      case STATUS_PROCESSED -> "processed";
      case STATUS_VALUATED -> "valuated";
      default -> throw new IllegalArgumentException("unknown claim status " + status);
    };
  }

  public static final int REVIEW_IDLE = 1;
  public static final int REVIEW_NOT_SELECTED = 2;
  public static final int REVIEW_SELECTED = 4;
  public static final int REVIEW_DELIVERED = 8;
  public static final int REVIEW_BYPASSED = 16;

  public ClaimDecision {
    items = List.copyOf(items);
    services = List.copyOf(services);
  }

  /** This decision with the risk model's verdict: the claim's risk, and per line its own. */
  public ClaimDecision withRisk(ClaimRisk claimRisk, List<LineDecision> scoredItems,
      List<LineDecision> scoredServices) {
    return new ClaimDecision(code, chfId, healthFacility, status, rejectionReason, category, claimed, approved,
        valuated, reviewStatus, schemeVersion, rulesetVersion, claimRisk == null ? null : claimRisk.modelVersion(),
        decidedAt, scoredItems, scoredServices, claimRisk, selection);
  }

  /** This decision with a review status and the selection that set it. */
  public ClaimDecision withReview(int newReviewStatus, ReviewSelection newSelection) {
    return new ClaimDecision(code, chfId, healthFacility, status, rejectionReason, category, claimed, approved,
        valuated, newReviewStatus, schemeVersion, rulesetVersion, modelVersion, decidedAt, items, services, risk,
        newSelection);
  }
}
