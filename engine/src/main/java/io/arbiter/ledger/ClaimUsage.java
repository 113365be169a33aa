package io.arbiter.ledger;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One claim's entry in the ledger: its passed provisions, its category, and per policy what it
 * deducted and remunerated. Provisional while the claim is checked, final once processed.
 *
 * @param category claim category (S, D, A, H, C, V), null if none
 */
public record ClaimUsage(
    String claimCode,
    String chfId,
    LocalDate targetDate,
    String category,
    boolean isFinal,
    List<Line> provisions,
    List<PolicyAmounts> policies) {

  public ClaimUsage {
    provisions = List.copyOf(provisions);
    policies = List.copyOf(policies);
  }

  /** A passed line: item or service code and the quantity approved. */
  public record Line(LineKind kind, String code, BigDecimal quantity) {}

  /** The lines a decision passed (not rejected), with the quantity approved: what a claim books. */
  public static List<Line> passedLines(ClaimDecision decision) {
    List<Line> lines = new ArrayList<>();
    for (LineDecision l : decision.items()) {
      if (!l.rejectionReason().rejects()) {
        lines.add(new Line(LineKind.ITEM, l.itemCode(), l.qtyApproved()));
      }
    }
    for (LineDecision l : decision.services()) {
      if (!l.rejectionReason().rejects()) {
        lines.add(new Line(LineKind.SERVICE, l.serviceCode(), l.qtyApproved()));
      }
    }
    return lines;
  }

  /** This entry, marked final. */
  public ClaimUsage asFinal() {
    return new ClaimUsage(claimCode, chfId, targetDate, category, true, provisions, policies);
  }
}
