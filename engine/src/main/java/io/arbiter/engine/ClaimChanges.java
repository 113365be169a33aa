package io.arbiter.engine;

import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.StoredClaim;
import io.arbiter.store.Tx;
import java.math.BigDecimal;
import java.util.List;

/**
 * The later states of a checked claim shared by processing, reviews and extrapolation: work under
 * the family's lock on a claim that must still be checked, and final valuation.
 */
final class ClaimChanges {
  private final EngineState state;
  private final Decisions decisions;

  ClaimChanges(EngineState state, Decisions decisions) {
    this.state = state;
    this.decisions = decisions;
  }

  /** Work on a checked claim under its family's lock. */
  interface CheckedClaimWork {
    ClaimDecision apply(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population);
  }

  /** Runs work on a checked claim (status 4) under its family's lock, and logs the decision it makes. */
  ClaimDecision onCheckedClaim(String code, String action, CheckedClaimWork work) {
    long start = System.nanoTime();
    StoredClaim known = state.store.claim(code).orElseThrow(() -> ArbiterException.notFound(code));
    SchemeSnapshot snapshot = state.scheme.get();
    Population population = state.population(snapshot);
    ClaimDecision decided = state.store.inFamily(population.familyKey(known.claim().chfId()), tx -> {
      StoredClaim stored = tx.claim(code).orElseThrow();
      requireChecked(stored.decision(), action);
      return work.apply(tx, stored, snapshot, population);
    });
    state.telemetry.changed(decided, action, start);
    return decided;
  }

  /**
   * Processes a checked claim as it stands; a review selected but not delivered is bypassed
   * (docs/adjudication.md §6 step 10).
   */
  ClaimDecision processed(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population) {
    ReviewStatus reviewStatus = stored.decision().reviewStatus() == ReviewStatus.SELECTED
        ? ReviewStatus.BYPASSED : stored.decision().reviewStatus();
    return processed(tx, stored, snapshot, population, Decisions.lines(stored.decision()), reviewStatus, "processed");
  }

  /** Values the lines finally and stores the claim processed with the review status. */
  ClaimDecision processed(Tx tx, StoredClaim stored, SchemeSnapshot snapshot, Population population,
      List<LineState> lines, ReviewStatus reviewStatus, String event) {
    Claim claim = stored.claim();
    Valuator.requireInScheme(snapshot, claim, lines);
    tx.ledger().remove(claim.code());
    String category = stored.decision().category();
    List<PolicyAmounts> amounts = Decisions.revalue(snapshot, population, tx.ledger(), claim, lines, category);
    ClaimStatus status = Valuator.waitsForRelativePrice(lines) ? ClaimStatus.PROCESSED : ClaimStatus.VALUATED;
    BigDecimal valuated = lines.stream().filter(LineState::passed).map(l -> l.priceValuated)
        .reduce(Money.zero(), BigDecimal::add);
    ClaimDecision decision = Decisions.keepRisk(stored.decision(), decisions.decision(
        stored.decision().rulesetVersion(), snapshot, claim, lines, status, category, reviewStatus, valuated));
    tx.update(new StoredClaim(claim, decision), event);
    tx.ledger().book(Decisions.usage(claim, decision, amounts, true));
    return decision;
  }

  private static void requireChecked(ClaimDecision decision, String action) {
    if (decision.status() != ClaimStatus.CHECKED) {
      throw ArbiterException.conflict("claim " + decision.code() + " has status " + decision.status()
          + "; only a checked claim (status 4) can be " + action, "/status");
    }
  }
}
