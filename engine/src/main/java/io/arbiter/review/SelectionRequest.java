package io.arbiter.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * A review selection over a set of claims (openIMIS's modes and a daily budget). The claims the
 * modes name are selected (review status 4); the budget then keeps at most its number per day
 * claimed, highest risk first. With only the budget, every claim of the set is a candidate. A
 * parameter left null comes from the scheme's {@link io.arbiter.scheme.ReviewPolicy}.
 *
 * @param filter the set: checked claims whose review is idle or not selected
 * @param modes any of {@code random}, {@code value}, {@code variance}, {@code budget}
 * @param seed seeds the random mode; null for a random seed
 */
public record SelectionRequest(ClaimFilter filter, List<String> modes, Double randomPercent, BigDecimal value,
    Double variancePercent, Boolean varianceWithoutHistory, Integer budgetClaims, Double budgetPercent, Long seed) {

  public SelectionRequest {
    modes = modes == null ? List.of() : List.copyOf(modes);
  }
}
