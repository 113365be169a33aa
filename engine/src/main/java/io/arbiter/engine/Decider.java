package io.arbiter.engine;

import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.rules.ClaimRules;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.util.List;
import java.util.Map;

/**
 * One claim's first decision: rules, product choice, provisional valuation, risk score and review
 * selection at submit (docs/adjudication.md §4–§6).
 */
final class Decider {
  private final EngineState state;
  private final Decisions decisions;

  Decider(EngineState state, Decisions decisions) {
    this.state = state;
    this.decisions = decisions;
  }

  /** A decision and the amounts it books (none when it books nothing). */
  record Decided(ClaimDecision decision, List<PolicyAmounts> amounts) {}

  Decided decide(Claim claim, SchemeSnapshot snapshot, Population population, UtilisationLedger ledger) {
    ClaimRules ruleSet = state.rules.get();
    String rulesVersion = ruleSet.version();
    Adjudicator.Outcome outcome = new Adjudicator(ruleSet, ledger).adjudicate(claim, snapshot, population);
    List<LineState> lines = outcome.lines();
    ProductChoice.chooseAll(snapshot, claim, outcome);
    if (outcome.category() == null) {
      return new Decided(decisions.decision(rulesVersion, snapshot, claim, lines, ClaimStatus.REJECTED, null,
          ReviewStatus.IDLE, null), List.of());
    }
    List<PolicyAmounts> amounts = new Valuator(snapshot, population, ledger)
        .value(claim, lines, outcome.category(), outcome.patient().adult);
    ClaimDecision checked = decisions.decision(rulesVersion, snapshot, claim, lines, ClaimStatus.CHECKED,
        outcome.category(), ReviewStatus.IDLE, null);
    ClaimDecision scored = scored(checked, claim, snapshot, population, ledger);
    if (scored.risk() == null) {
      return new Decided(scored, amounts);
    }
    ReviewSelector selector = new ReviewSelector(snapshot.settings().reviewSelection());
    if (selector.rejects(scored.risk())) {
      return new Decided(autoRejected(rulesVersion, snapshot, claim, lines, scored, selector), List.of());
    }
    ReviewSelection selection = selector.atSubmit(scored.risk());
    return new Decided(scored.withReview(selection.selected() ? ReviewStatus.SELECTED
        : ReviewStatus.NOT_SELECTED, selection), amounts);
  }

  /**
   * Code -2 (docs/adjudication.md §1): the scheme turned automatic rejection on and the claim's value
   * at stake reached it. Every passed line is rejected, so the claim is rejected and books nothing.
   */
  private ClaimDecision autoRejected(String rulesVersion, SchemeSnapshot snapshot, Claim claim, List<LineState> lines,
      ClaimDecision scored, ReviewSelector selector) {
    double rejectAt = snapshot.settings().reviewSelection().rejectAt();
    for (LineState line : lines) {
      if (line.passed()) {
        line.reject(RejectionCode.AUTO_REJECTED, "-2 risk model", "the claim's value at stake " + scored.risk().valueAtStake()
            + " reached the scheme's automatic rejection threshold " + rejectAt,
            Map.of("valueAtStake", scored.risk().valueAtStake(), "score", scored.risk().score(), "rejectAt", rejectAt));
      }
    }
    ClaimDecision rejected = Decisions.keepRisk(scored, decisions.decision(rulesVersion, snapshot, claim, lines,
        ClaimStatus.REJECTED, null, ReviewStatus.IDLE, null));
    return rejected.withReview(ReviewStatus.IDLE, new ReviewSelection(selector.version(),
        ReviewSelection.MODE_RISK, false, "rejected automatically (code -2): value at stake " + scored.risk().valueAtStake()
        + " ≥ " + rejectAt, null));
  }

  /** The decision with its risk; a scorer's failure is recorded on the decision, never thrown. */
  private ClaimDecision scored(ClaimDecision decision, Claim claim, SchemeSnapshot snapshot, Population population,
      UtilisationLedger ledger) {
    RiskScorer scorer = state.scorer;
    if (scorer == null) {
      return decision;
    }
    ScoredClaim scored;
    try {
      scored = scorer.score(new ClaimContext(claim, decision, snapshot, population.insuree(claim.chfId()), ledger));
    } catch (RuntimeException e) {
      return decision.withRisk(ClaimRisk.unscored(scorer.modelVersion(), String.valueOf(e.getMessage())),
          decision.items(), decision.services());
    }
    if (scored == null) {
      return decision; // no model is active
    }
    return decision.withRisk(scored.risk(), Decisions.withLineRisks(decision.items(), scored.items()),
        Decisions.withLineRisks(decision.services(), scored.services()));
  }
}
