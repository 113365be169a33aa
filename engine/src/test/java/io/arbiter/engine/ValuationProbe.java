package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.SchemeSnapshot;
import java.util.List;

/**
 * One claim adjudicated once (rules and product choice, against an empty ledger), whose passed lines
 * {@link #value()} values again and again: the valuation step alone, for ValuationBenchmark.
 * Valuation overwrites the same fields each time, so every call does the same work. Not
 * thread-safe. Test code only.
 */
public final class ValuationProbe {
  private final Claim claim;
  private final Adjudicator.Outcome outcome;
  private final Valuator valuator;

  private ValuationProbe(Claim claim, Adjudicator.Outcome outcome, Valuator valuator) {
    this.claim = claim;
    this.outcome = outcome;
    this.valuator = valuator;
  }

  /**
   * @param scheme the scheme the claim is for
   * @param claim a claim that passes the entry checks
   * @throws IllegalArgumentException if no line of the claim passes (nothing to value)
   */
  public static ValuationProbe of(SchemeSnapshot scheme, Claim claim, ClaimRules rules) {
    InMemoryLedger ledger = new InMemoryLedger();
    Adjudicator.Outcome outcome = new Adjudicator(rules, ledger).adjudicate(claim, scheme, scheme);
    if (outcome.category() == null) {
      throw new IllegalArgumentException("claim " + claim.code() + " is rejected: nothing to value");
    }
    ProductChoice.chooseAll(scheme, claim, outcome);
    return new ValuationProbe(claim, outcome, new Valuator(scheme, scheme, ledger));
  }

  /** Values the claim's passed lines (docs/adjudication.md §6); returns what it would book, one entry per policy. */
  public List<?> value() {
    return valuator.value(claim, outcome.lines(), outcome.category(), outcome.patient().adult);
  }
}
