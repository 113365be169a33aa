package io.arbiter.scoring;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.Objects;

/**
 * Everything the features of a claim's lines are computed from: the claim, the rules decision on
 * it, the scheme's registers, the patient, and the insuree's history as the ledger holds it
 * before this claim is booked. Immutable apart from the ledger, which is read, never written.
 */
public record ClaimContext(Claim claim, ClaimDecision decision, SchemeSnapshot scheme, Insuree insuree,
    UtilisationLedger ledger) {

  public ClaimContext {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(insuree, "insuree");
    Objects.requireNonNull(ledger, "ledger");
  }

  /** Number of lines, items and services. */
  public int lineCount() {
    return decision.items().size() + decision.services().size();
  }
}
