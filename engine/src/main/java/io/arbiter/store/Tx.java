package io.arbiter.store;

import io.arbiter.ledger.UtilisationLedger;
import java.util.Optional;

/**
 * One unit of work under a family's lock (see {@link ClaimStore#inFamily}): everything written through it
 * commits together or not at all. Not thread-safe; valid only inside the work it was handed to.
 */
public interface Tx {

  /** The ledger as of this transaction; bookings through it are part of the transaction. */
  UtilisationLedger ledger();

  Optional<StoredClaim> claim(String code);

  /**
   * Stores a new claim with its first event.
   *
   * @return false, storing nothing, when the code is already taken
   */
  boolean insert(StoredClaim claim, String event);

  /** Replaces a stored claim's decision and appends the event. */
  void update(StoredClaim claim, String event);
}
