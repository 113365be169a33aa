package io.arbiter.store;

import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sampling batches, as sampling and extrapolation keep and read them: a store that keeps claims to
 * sample implements it (see {@link Store#samplingStore}).
 */
public interface SamplingStore {

  /**
   * Keeps a sampling batch: a new one with its claims, or a later state of one already kept (its
   * claims unchanged). A claim belongs to one batch at most, also across instances sharing a
   * database.
   *
   * @return the codes of the batch's claims that already belong to another batch; when not empty,
   *     nothing was kept
   * @throws StoreException when the database fails
   */
  Set<String> saveBatch(SamplingBatch batch);

  /** A sampling batch's latest state, if it exists. */
  Optional<SamplingBatch> batch(String id);

  /**
   * The most recent sampling batches, newest first (ties by id), without their claims.
   *
   * @param limit the most batches to return, at least 1
   * @throws IllegalArgumentException when limit is below 1
   * @throws StoreException when the database fails
   */
  List<BatchSummary> recentBatches(int limit);
}
