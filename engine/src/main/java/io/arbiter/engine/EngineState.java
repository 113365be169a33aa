package io.arbiter.engine;

import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.store.PopulationStore;
import io.arbiter.store.ReviewQueueStore;
import io.arbiter.store.SamplingStore;
import io.arbiter.store.Store;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the service objects of one {@link Arbiter} share: the current scheme and rules (each swapped
 * whole, read once per operation so that it finishes on the version it started with), the store,
 * the scorer, the clock and the meters. Thread-safe.
 */
final class EngineState {
  final AtomicReference<ClaimRules> rules;
  final AtomicReference<SchemeSnapshot> scheme = new AtomicReference<>();
  final Store store;
  final Clock clock;
  final RiskScorer scorer;
  final RulesCompiler compiler;
  final Telemetry telemetry;

  EngineState(ClaimRules rules, Store store, Clock clock, RiskScorer scorer, RulesCompiler compiler,
      io.micrometer.core.instrument.MeterRegistry meters) {
    this.rules = new AtomicReference<>(rules);
    this.store = store;
    this.clock = clock;
    this.scorer = scorer;
    this.compiler = compiler;
    this.telemetry = new Telemetry(meters, this.rules::get, store);
  }

  /** The population claims are adjudicated against under {@code snapshot}. */
  Population population(SchemeSnapshot snapshot) {
    return store.population(snapshot);
  }

  /** The store's review queue; a store without one is answered 501 by the server. */
  ReviewQueueStore reviewQueueStore() {
    return store.reviewQueueStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " keeps no review queue"));
  }

  /** The store's sampling batches. */
  SamplingStore samplingStore() {
    return store.samplingStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " keeps no sampling batches"));
  }

  /** The store's own population; a store without one is answered 501 by the server. */
  PopulationStore populationStore() {
    return store.populationStore().orElseThrow(() -> new UnsupportedOperationException(
        store.getClass().getSimpleName() + " adjudicates against the scheme's own population and cannot import one"));
  }
}
