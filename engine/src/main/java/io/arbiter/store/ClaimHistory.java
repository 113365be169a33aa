package io.arbiter.store;

import io.arbiter.claim.Claim;
import java.util.List;
import java.util.Objects;

/**
 * A claim as submitted with every state change of its decision, oldest first (the first is its
 * submission). Immutable.
 */
public record ClaimHistory(Claim claim, List<ClaimEvent> events) {
  public ClaimHistory {
    Objects.requireNonNull(claim, "claim");
    events = List.copyOf(events);
  }
}
