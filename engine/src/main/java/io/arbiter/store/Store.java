package io.arbiter.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Where Arbiter keeps claims with their history, the utilisation ledger and scheme versions: what
 * every store does ({@link ClaimStore}, {@link SchemeStore}). What only some stores do is a
 * capability of its own, asked for by whoever needs it: the review queue ({@link ReviewQueueStore}),
 * sampling batches ({@link SamplingStore}) and a population of the store's own
 * ({@link PopulationStore}). A store has a capability exactly when it implements its interface.
 * Implementations are thread-safe.
 */
public interface Store extends ClaimStore, SchemeStore, AutoCloseable {

  /** The review queue, if this store keeps one. */
  default Optional<ReviewQueueStore> reviewQueueStore() {
    return this instanceof ReviewQueueStore queue ? Optional.of(queue) : Optional.empty();
  }

  /** Sampling batches, if this store keeps them. */
  default Optional<SamplingStore> samplingStore() {
    return this instanceof SamplingStore batches ? Optional.of(batches) : Optional.empty();
  }

  /** A population and voucher register of the store's own, if it has one to import into. */
  default Optional<PopulationStore> populationStore() {
    return this instanceof PopulationStore population ? Optional.of(population) : Optional.empty();
  }

  /**
   * Whether the store's database answers (readiness). Blocks for up to about {@code timeout}, or
   * longer while a pool waits for a connection: call it off the event loop. A store without a
   * database is always reachable.
   */
  boolean reachable(Duration timeout);

  @Override
  void close();
}
