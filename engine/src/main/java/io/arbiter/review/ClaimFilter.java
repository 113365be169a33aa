package io.arbiter.review;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import java.time.LocalDate;
import java.util.List;

/**
 * Which claims a review selection or a sampling batch looks at, as openIMIS filters them: by health
 * facility, by the dates of care, and by claim status. Immutable; a null field does not filter.
 *
 * @param healthFacility the facility's code
 * @param dateFrom the care started on or after this day
 * @param dateTo the care ended (target date) on or before this day
 * @param statuses claim statuses; null or empty means checked claims only (4)
 */
public record ClaimFilter(String healthFacility, LocalDate dateFrom, LocalDate dateTo, List<Integer> statuses) {

  public ClaimFilter {
    statuses = statuses == null || statuses.isEmpty() ? List.of(ClaimStatus.CHECKED.code()) : List.copyOf(statuses);
  }

  /** Whether a claim with its current decision passes this filter. */
  public boolean test(Claim claim, ClaimDecision decision) {
    return statuses.contains(decision.status().code())
        && (healthFacility == null || healthFacility.equals(claim.healthFacility()))
        && (dateFrom == null || !claim.dateFrom().isBefore(dateFrom))
        && (dateTo == null || !claim.targetDate().isAfter(dateTo));
  }
}
