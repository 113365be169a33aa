package io.arbiter.store;

/**
 * The review queue, as the reviewers' listing and the queue gauge read it: a store that keeps
 * claims and can rank them implements it (see {@link Store#reviewQueueStore}).
 */
public interface ReviewQueueStore {

  /**
   * A page of the claims awaiting review (see {@link ReviewQueueFilter} for which ones), by value at
   * stake then risk score descending, unscored claims last, ties by claim code, so pages do not
   * overlap while the queue is unchanged. A durable store answers from indexed columns, not by
   * reading every claim.
   *
   * @param filter which claims; {@link ReviewQueueFilter#ALL} for all
   * @param offset how many claims of the ordered queue to skip, at least 0
   * @param limit the most claims to return, at least 1
   * @return the page, with the number of claims in the whole filtered queue
   * @throws IllegalArgumentException when offset or limit is out of range
   * @throws StoreException when the database fails
   */
  ReviewQueuePage reviewQueue(ReviewQueueFilter filter, int offset, int limit);

  /**
   * Checks a page's range as {@link #reviewQueue} and {@link SamplingStore#recentBatches} state it.
   *
   * @throws IllegalArgumentException when offset is below 0 or limit below 1
   */
  static void checkPage(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
