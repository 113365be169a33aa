package io.arbiter.engine;

import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.ledger.DecisionWithLedger;
import io.arbiter.ledger.LedgerEntry;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.store.ClaimEvent;
import io.arbiter.store.StoredClaim;
import java.util.List;
import java.util.Optional;

/**
 * Claims of an {@link Arbiter} ({@code arbiter.claims()}): submit (check, adjudicate, value
 * provisionally, book), evaluate without storing, read back, and process (value finally).
 * Thread-safe: adjudications of one family are serialised (so two concurrent claims see each
 * other's usage), other families run in parallel; a decision is returned only once the store has
 * committed it. Methods block (rules, valuation, I/O): never call them on an event loop. Every method
 * that refuses a request throws {@link ArbiterException} and changes nothing.
 */
public final class Claims {
  private final EngineState state;
  private final Decider decider;
  private final ClaimChanges changes;

  Claims(EngineState state, Decider decider, ClaimChanges changes) {
    this.state = state;
    this.decider = decider;
    this.changes = changes;
  }

  /**
   * The key claims are serialised under (see {@link Population#familyKey}): claims of one key see
   * each other's usage, so a caller running claims in parallel keeps those of one key in order.
   * Thread-safe; may read the store's population.
   */
  public String familyKey(String chfId) {
    return state.population(state.scheme.get()).familyKey(chfId);
  }

  /**
   * Checks, adjudicates and provisionally values a claim, and books its usage. Posting the same
   * claim again returns the stored decision ({@code created} false).
   *
   * @throws ArbiterException MALFORMED or INVALID (entry errors, docs/adjudication.md §4.0) or CONFLICT (the code is
   *     taken by a different claim)
   */
  public Submission submit(Claim claim) {
    long start = System.nanoTime();
    SchemeSnapshot snapshot = state.scheme.get();
    Population population = entered(claim, snapshot);
    Optional<StoredClaim> existing = state.store.claim(claim.code());
    if (existing.isPresent()) {
      return resubmission(existing.get(), claim);
    }
    Telemetry telemetry = state.telemetry;
    Submission submitted = telemetry.transaction().record(() -> state.store.inFamily(population.familyKey(claim.chfId()), tx -> {
      Decider.Decided decided = telemetry.adjudication().record(() -> decider.decide(claim, snapshot, population, tx.ledger()));
      if (!tx.insert(new StoredClaim(claim, decided.decision()), "submitted")) {
        return resubmission(tx.claim(claim.code()).orElseThrow(), claim);
      }
      if (decided.decision().status() == ClaimStatus.CHECKED) {
        telemetry.book().record(() -> tx.ledger().book(Decisions.usage(claim, decided.decision(), decided.amounts(), false)));
      }
      return new Submission(decided.decision(), true);
    }));
    if (submitted.created()) {
      telemetry.decided(submitted.decision(), start);
    }
    return submitted;
  }

  /**
   * Adjudicates and values a claim as {@link #submit} would, without storing it or booking its
   * usage (a what-if check; also what the benchmarks measure).
   *
   * @throws ArbiterException MALFORMED or INVALID (entry errors)
   */
  public ClaimDecision evaluate(Claim claim) {
    SchemeSnapshot snapshot = state.scheme.get();
    Population population = entered(claim, snapshot);
    return state.store.inFamily(population.familyKey(claim.chfId()),
        tx -> decider.decide(claim, snapshot, population, tx.ledger()).decision());
  }

  /** docs/adjudication.md §4.0; returns the population the claim is adjudicated against. */
  private Population entered(Claim claim, SchemeSnapshot snapshot) {
    Population population = state.population(snapshot);
    List<Problem> problems = EntryChecks.of(claim, snapshot, population);
    if (!problems.isEmpty()) {
      boolean malformed = problems.stream().anyMatch(Problem::missing);
      throw new ArbiterException(malformed ? ArbiterException.Kind.MALFORMED : ArbiterException.Kind.INVALID,
          "the claim cannot be entered", problems);
    }
    return population;
  }

  private static Submission resubmission(StoredClaim stored, Claim claim) {
    if (stored.claim().equals(claim)) {
      return new Submission(stored.decision(), false);
    }
    throw ArbiterException.conflict("claim code " + claim.code() + " is already used by another claim", "/code");
  }

  /** The claim's current decision, if the claim exists. */
  public Optional<ClaimDecision> decision(String code) {
    return state.store.claim(code).map(StoredClaim::decision);
  }

  /**
   * The claim's current decision with its own ledger entry as of the same commit: per
   * policy what it deducted, remunerated and paid beyond the ceilings, and whether that is
   * provisional or final; without an entry when the claim books nothing.
   */
  public Optional<DecisionWithLedger> decisionWithLedger(String code) {
    return state.store.bookedClaim(code).map(b -> new DecisionWithLedger(b.stored().decision(),
        b.usage() == null ? null : LedgerEntry.of(b.usage())));
  }

  /**
   * The claim as it was submitted (the request, not the decision), if the claim exists; what a
   * client needs to read a claim back in another form, such as FHIR.
   */
  public Optional<Claim> submitted(String code) {
    return state.store.claim(code).map(StoredClaim::claim);
  }

  /** Every state of the claim's decision, oldest first; empty if the claim does not exist. */
  public List<ClaimEvent> history(String code) {
    return state.store.history(code);
  }

  /**
   * Values a checked claim finally: status 16, or 8 when a line waits for a relative price; its
   * ledger entry becomes final and a selected review becomes bypassed.
   *
   * @throws ArbiterException NOT_FOUND or CONFLICT (claim not checked)
   */
  public ClaimDecision process(String code) {
    return changes.onCheckedClaim(code, "processed", (tx, stored, snapshot, population) ->
        changes.processed(tx, stored, snapshot, population));
  }
}
