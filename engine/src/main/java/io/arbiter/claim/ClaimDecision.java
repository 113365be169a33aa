package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The decision on a claim: openIMIS claim status and codes, totals, one {@link LineDecision} per
 * line, and the versions of the scheme, ruleset and model that made it. Immutable.
 *
 * @param status rejected, entered, checked, processed or valuated
 * @param rejectionReason {@link RejectionCode#NOT_IN_REGISTER} (1) when no line passed, else
 *     {@link RejectionCode#ACCEPTED} (0)
 * @param category claim category (S, D, A, H, C, V); null for a rejected claim
 * @param claimed Σ qtyProvided × priceAsked
 * @param approved Σ q × unit price over passed lines (provisional valuation)
 * @param valuated Σ priceValuated, once processed
 * @param reviewStatus idle, not selected, selected, delivered or bypassed
 * @param modelVersion the risk model's version; null while no model scored the claim
 * @param risk the claim's risk score and band; null when no model is active
 * @param selection why the claim was (not) selected for review; null while no selection looked at it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimDecision(
    String code,
    String chfId,
    String healthFacility,
    ClaimStatus status,
    RejectionCode rejectionReason,
    String category,
    BigDecimal claimed,
    BigDecimal approved,
    BigDecimal valuated,
    ReviewStatus reviewStatus,
    String schemeVersion,
    String rulesetVersion,
    String modelVersion,
    Instant decidedAt,
    List<LineDecision> items,
    List<LineDecision> services,
    ClaimRisk risk,
    ReviewSelection selection) {

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
  public ClaimDecision withReview(ReviewStatus newReviewStatus, ReviewSelection newSelection) {
    return new ClaimDecision(code, chfId, healthFacility, status, rejectionReason, category, claimed, approved,
        valuated, newReviewStatus, schemeVersion, rulesetVersion, modelVersion, decidedAt, items, services, risk,
        newSelection);
  }
}
