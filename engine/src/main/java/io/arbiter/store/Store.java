package io.arbiter.store;

import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where Arbiter keeps claims with their history, the utilisation ledger, scheme versions and the
 * insured population, and how it serialises the adjudications of one family (whose members share
 * policy deductibles and ceilings). Implementations are thread-safe: families run in parallel.
 */
public interface Store extends AutoCloseable {

  /**
   * Runs {@code work} holding the family's lock, in one transaction that commits when the work
   * returns and rolls back when it throws. Another call for the same family (from this process or,
   * for a shared database, another one) waits.
   */
  <T> T inFamily(String familyId, Function<Tx, T> work);

  /** The claim's latest committed state. */
  Optional<StoredClaim> claim(String code);

  /** Every state change of a claim, oldest first; empty if the claim does not exist. */
  List<ClaimEvent> history(String code);

  /**
   * Keeps a new scheme version (and the population it carries, if any).
   *
   * @param scheme the validated snapshot of {@code document}
   */
  void saveScheme(SchemeDocument document, SchemeSnapshot scheme);

  /** The latest saved scheme, without its population; empty for a new store. */
  Optional<SavedScheme> latestScheme();

  /** The population adjudications read: the scheme's own, or the store's. */
  Population population(SchemeSnapshot scheme);

  @Override
  void close();
}
