package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import java.util.Optional;

/**
 * Where claims and their decisions are kept. Implementations are thread-safe; the engine
 * serialises writes of one insuree's claims.
 */
public interface ClaimStore {

  /** A claim as submitted with its current decision. */
  record StoredClaim(Claim claim, ClaimDecision decision) {}

  /** Stores a new claim; returns the already stored one instead if the code is taken. */
  Optional<StoredClaim> putIfAbsent(StoredClaim claim);

  /** Replaces the decision of a stored claim. */
  void update(StoredClaim claim);

  Optional<StoredClaim> get(String code);
}
