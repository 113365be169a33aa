package io.arbiter.store;

import io.arbiter.ledger.ClaimUsage;

/**
 * A claim's latest committed state with its own entry in the utilisation ledger as of the same
 * commit.
 *
 * @param usage the claim's ledger entry; null when the claim books nothing (rejected)
 */
public record BookedClaim(StoredClaim stored, ClaimUsage usage) {}
