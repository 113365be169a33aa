package io.arbiter.store;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;

/** A claim as submitted, with its current decision. Immutable. */
public record StoredClaim(Claim claim, ClaimDecision decision) {}
