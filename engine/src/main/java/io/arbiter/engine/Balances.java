package io.arbiter.engine;

import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import java.time.LocalDate;
import java.util.List;

/**
 * Insurees' balances of an {@link Arbiter} ({@code arbiter.balances()}): what is left under each
 * valid policy, read from the utilisation ledger (docs/adjudication.md §7). Thread-safe; blocks.
 */
public final class Balances {
  private final EngineState state;

  Balances(EngineState state) {
    this.state = state;
  }

  /**
   * What the insuree has left at {@code date} under each valid policy.
   *
   * @throws ArbiterException NOT_FOUND when the insurance number is unknown
   */
  public Balance of(String chfId, LocalDate date) {
    SchemeSnapshot snapshot = state.scheme.get();
    Population population = state.population(snapshot);
    if (population.insuree(chfId) == null) {
      throw new ArbiterException(ArbiterException.Kind.NOT_FOUND, "insuree " + chfId + " does not exist", List.of());
    }
    return state.store.inFamily(population.familyKey(chfId),
        tx -> new BalanceSheet(snapshot, population, tx.ledger()).of(chfId, date));
  }
}
