package io.arbiter.engine;

import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.RiskScorer;
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
}
