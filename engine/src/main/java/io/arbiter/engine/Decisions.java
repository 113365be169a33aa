package io.arbiter.engine;

import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineRisk;
import io.arbiter.ledger.ClaimUsage;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Builds decisions from line states, and what every later state of a claim keeps of the earlier one. */
final class Decisions {
  private final Clock clock;

  Decisions(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param rulesVersion the ruleset that judged the lines: the one that ran for a submission; a
   *     review or processing runs no rules and keeps the submission's
   */
  ClaimDecision decision(String rulesVersion, SchemeSnapshot snapshot, Claim claim, List<LineState> lines, ClaimStatus status,
      String category, ReviewStatus reviewStatus, BigDecimal valuated) {
    BigDecimal claimed = Money.zero();
    BigDecimal approved = Money.zero();
    for (LineState l : lines) {
      claimed = claimed.add(Money.of(l.qtyProvided.multiply(l.priceAsked)));
      if (l.passed()) {
        approved = approved.add(Money.of(l.quantity().multiply(l.unitPrice)));
      }
    }
    boolean rejected = status == ClaimStatus.REJECTED;
    return new ClaimDecision(claim.code(), claim.chfId(), claim.healthFacility(), status,
        rejected ? RejectionCode.NOT_IN_REGISTER : RejectionCode.ACCEPTED,
        rejected ? null : category, claimed, rejected ? null : approved, valuated, reviewStatus,
        snapshot.version(), rulesVersion, null, clock.instant(),
        lines.stream().filter(l -> l.kind == LineKind.ITEM).map(LineState::toDecision).toList(),
        lines.stream().filter(l -> l.kind == LineKind.SERVICE).map(LineState::toDecision).toList(), null, null);
  }

  static List<LineDecision> withLineRisks(List<LineDecision> lines, List<LineRisk> risks) {
    List<LineDecision> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      LineRisk risk = i < risks.size() ? risks.get(i) : null;
      out.add(risk == null ? lines.get(i) : lines.get(i).withRisk(risk));
    }
    return out;
  }

  /** A later state of a claim keeps the risk it was given when submitted, and why it was selected. */
  static ClaimDecision keepRisk(ClaimDecision earlier, ClaimDecision later) {
    if (earlier.selection() != null) {
      later = later.withReview(later.reviewStatus(), earlier.selection());
    }
    if (earlier.risk() == null) {
      return later;
    }
    return later.withRisk(earlier.risk(), keepLineRisks(earlier.items(), later.items()),
        keepLineRisks(earlier.services(), later.services()));
  }

  private static List<LineDecision> keepLineRisks(List<LineDecision> earlier, List<LineDecision> later) {
    List<LineRisk> risks = new ArrayList<>(later.size());
    for (LineDecision line : later) {
      risks.add(earlier.stream().filter(e -> e.lineNo() == line.lineNo()).findFirst()
          .map(LineDecision::risk).orElse(null));
    }
    return withLineRisks(later, risks);
  }

  /** The decision's lines as states to change, items first. */
  static List<LineState> lines(ClaimDecision d) {
    List<LineState> lines = new ArrayList<>();
    d.items().forEach(l -> lines.add(LineState.of(LineKind.ITEM, l)));
    d.services().forEach(l -> lines.add(LineState.of(LineKind.SERVICE, l)));
    return lines;
  }

  static ClaimUsage usage(Claim claim, ClaimDecision decision, List<PolicyAmounts> amounts, boolean isFinal) {
    return new ClaimUsage(claim.code(), claim.chfId(), claim.targetDate(), decision.category(), isFinal,
        ClaimUsage.passedLines(decision), amounts);
  }

  /** Values the passed lines again, the claim's own earlier booking having been removed. */
  static List<PolicyAmounts> revalue(SchemeSnapshot snapshot, Population population,
      UtilisationLedger ledger, Claim claim, List<LineState> lines, String category) {
    Patient patient = Patient.at(snapshot, population, claim.chfId(), claim.dateFrom(), claim.targetDate());
    return new Valuator(snapshot, population, ledger).value(claim, lines, category, patient.adult);
  }
}
