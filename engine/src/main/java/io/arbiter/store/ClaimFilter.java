package io.arbiter.store;

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

  /** Whether a stored claim passes this filter. */
  public boolean test(StoredClaim stored) {
    return statuses.contains(stored.decision().status().code())
        && (healthFacility == null || healthFacility.equals(stored.claim().healthFacility()))
        && (dateFrom == null || !stored.claim().dateFrom().isBefore(dateFrom))
        && (dateTo == null || !stored.claim().targetDate().isAfter(dateTo));
  }
}
