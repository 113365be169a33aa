package io.arbiter.population;

import java.util.Set;

/**
 * Where a {@link PopulationImport} checks references and writes: the store's side of an import.
 * Every call of one import runs on the importing thread, in order: the lookups of a batch, then its
 * write. Lookups see what earlier batches wrote.
 *
 * @param <E> what the target throws when it fails (a database's exception, say)
 */
public interface PopulationTarget<E extends Exception> {

  /** Which of these family ids the target holds. */
  Set<String> families(Set<String> ids) throws E;

  /** Which of these insurees (CHF ids) the target holds. */
  Set<String> insurees(Set<String> chfIds) throws E;

  /** Which of these policy ids the target holds. */
  Set<String> policies(Set<String> ids) throws E;

  /**
   * Writes one batch's records, all or none: when it throws, nothing of the batch was written. The
   * records of each kind are in input order, one per key.
   */
  void write(PopulationBatch batch) throws E;
}
