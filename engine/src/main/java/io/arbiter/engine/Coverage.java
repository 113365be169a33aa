package io.arbiter.engine;

import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.Product;
import java.time.LocalDate;

/**
 * A policy valid at the target date through one of the insuree's memberships, with the dates the
 * per-product checks use: E_ip (membership effective), E_p (policy effective), X (the earlier
 * expiry of the two).
 */
record Coverage(Policy policy, Product product, Membership membership) {

  LocalDate memberFrom() {
    return membership.effectiveDate();
  }

  LocalDate periodEnd() {
    LocalDate p = policy.expiryDate();
    LocalDate m = membership.expiryDate();
    if (p == null) {
      return m == null ? LocalDate.MAX : m;
    }
    return m == null || p.isBefore(m) ? p : m;
  }

  /** Waiting periods apply to new policies and to members who joined a running policy. */
  boolean waitingApplies() {
    return policy.stage() != io.arbiter.scheme.PolicyStage.R
        || policy.effectiveDate().isBefore(membership.effectiveDate());
  }
}
