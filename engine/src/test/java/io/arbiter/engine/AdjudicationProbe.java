package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.ledger.InMemoryLedger;
import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.SchemeSnapshot;

/**
 * The rules step of adjudication alone, for AdjudicationBenchmark: derivations, pre-joins (against
 * an empty ledger), the rules, and reading their verdicts; no entry checks, product choice,
 * valuation or decision. Thread-safe as far as the rules are. Test code only.
 */
public final class AdjudicationProbe {
  private final SchemeSnapshot scheme;
  private final ClaimRules rules;
  private final InMemoryLedger ledger = new InMemoryLedger();

  public AdjudicationProbe(SchemeSnapshot scheme, ClaimRules rules) {
    this.scheme = scheme;
    this.rules = rules;
  }

  /** Adjudicates a claim that passes the entry checks; returns the outcome (opaque). */
  public Object adjudicate(Claim claim) {
    return new Adjudicator(rules, ledger).adjudicate(claim, scheme, scheme);
  }
}
