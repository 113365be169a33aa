package io.arbiter.store;

import java.util.Comparator;

/**
 * The review queue's order for stores that sort in memory; it must agree with the SQL of the
 * JDBC store (its ReviewQueueSql), as the queue must agree with
 * {@link ReviewQueueFilter#awaitsReview}.
 */
final class ReviewQueueOrder {
  /**
   * Value at stake descending, then risk score descending (each missing last), then code. The score
   * only orders claims decided before value at stake existed.
   */
  static final Comparator<StoredClaim> ORDER = Comparator
      .comparing((StoredClaim c) -> ReviewQueueFilter.valueAtStake(c.decision()),
          Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing((StoredClaim c) -> ReviewQueueFilter.score(c.decision()),
          Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(c -> c.claim().code());

  private ReviewQueueOrder() {}
}
