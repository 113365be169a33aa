package io.arbiter.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * A reviewer's decisions on some lines of a claim; lines not named keep their state.
 *
 * @param items reviews of item lines, by {@code lineNo}
 * @param services reviews of service lines, by {@code lineNo}
 */
public record Review(List<LineReview> items, List<LineReview> services) {

  public Review {
    items = items == null ? List.of() : List.copyOf(items);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * One line's review.
   *
   * @param status 1 keep the line passed, 2 reject it (rejection reason -1); null keeps it
   * @param qtyApproved quantity approved; null keeps the current one
   * @param priceApproved unit price approved; null keeps the current one
   */
  public record LineReview(Integer lineNo, Integer status, BigDecimal qtyApproved, BigDecimal priceApproved,
      String justification) {}
}
