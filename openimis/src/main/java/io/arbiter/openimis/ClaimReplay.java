package io.arbiter.openimis;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays openIMIS's claims through Arbiter and compares, for the claims openIMIS decided, Arbiter's
 * decision with openIMIS's stored one: the claim status, each line's status and rejection code, and
 * the approved and valuated amounts. A claim openIMIS processed or valuated is processed by Arbiter
 * too, so that amounts compare like with like. Not thread-safe.
 */
public final class ClaimReplay {
  /** One way Arbiter's decision on a claim differs from openIMIS's. */
  public record Difference(String claimCode, int claimId, String what, String openImis, String arbiter) {}

  /**
   * @param submitted claims Arbiter adjudicated
   * @param refused claims Arbiter refused to enter (a problem with the claim itself), each a difference
   * @param decided claims openIMIS had decided (status other than entered)
   * @param agree decided claims on which Arbiter agrees in every respect compared
   * @param differ decided claims with at least one difference
   */
  public record Summary(long submitted, long refused, long decided, long agree, long differ,
      List<Difference> differences) {

    /** The figures, then the differences claim by claim, as lines of text. */
    public String toText() {
      StringBuilder b = new StringBuilder(String.format("openIMIS claims replayed: %d adjudicated, %d refused;"
          + " of %d openIMIS had decided, Arbiter agrees on %d and differs on %d%n", submitted, refused, decided,
          agree, differ));
      java.util.Map<String, List<String>> byClaim = new java.util.LinkedHashMap<>();
      for (Difference d : differences) {
        byClaim.computeIfAbsent(d.claimCode() + " (ClaimID " + d.claimId() + ")", k -> new ArrayList<>())
            .add(d.what() + " openIMIS " + d.openImis() + ", Arbiter " + d.arbiter());
      }
      byClaim.forEach((claim, list) -> b.append("  ").append(claim).append(": ").append(String.join("; ", list))
          .append('\n'));
      return b.toString();
    }
  }

  private final Arbiter arbiter;
  private final List<Difference> differences = new ArrayList<>();
  private long submitted;
  private long refused;
  private long decided;
  private long agree;

  public ClaimReplay(Arbiter arbiter) {
    this.arbiter = arbiter;
  }

  /** Adjudicates one claim and compares; the claim is stored in Arbiter as any submitted claim. */
  public void accept(OpenImisClaim c) {
    String code = c.claim().code();
    ClaimDecision d;
    try {
      d = arbiter.claims().submit(c.claim()).decision();
    } catch (ArbiterException e) {
      refused++;
      if (c.decided()) {
        decided++;
      }
      differences.add(new Difference(code, c.claimId(), "entry", "status " + c.status(),
          "refused: " + e.getMessage() + " " + e.problems()));
      return;
    }
    submitted++;
    if (!c.decided()) {
      return;
    }
    decided++;
    if (c.status() >= ClaimStatus.PROCESSED.code() && d.status() == ClaimStatus.CHECKED) {
      d = arbiter.claims().process(code);
    }
    int before = differences.size();
    compare(c, "status", c.status(), d.status().code());
    lines(c, "item", c.items(), d.items());
    lines(c, "service", c.services(), d.services());
    amount(c, "approved", c.approved(), d.approved());
    if (c.status() == ClaimStatus.VALUATED.code()) {
      amount(c, "valuated", c.valuated(), d.valuated());
    }
    if (differences.size() == before) {
      agree++;
    }
  }

  public Summary summary() {
    return new Summary(submitted, refused, decided, agree, decided - agree, List.copyOf(differences));
  }

  private void lines(OpenImisClaim c, String kind, List<OpenImisClaim.Line> openImis, List<LineDecision> arbiterLines) {
    for (int i = 0; i < openImis.size() && i < arbiterLines.size(); i++) {
      OpenImisClaim.Line o = openImis.get(i);
      LineDecision a = arbiterLines.get(i);
      String at = kind + " " + (i + 1) + " (" + o.code() + ")";
      compare(c, at + " status", o.status(), a.status().code());
      compare(c, at + " rejection code", o.rejectionReason(), a.rejectionReason().code());
    }
  }

  private void compare(OpenImisClaim c, String what, int openImis, int arbiterValue) {
    if (openImis != arbiterValue) {
      differences.add(new Difference(c.claim().code(), c.claimId(), what, String.valueOf(openImis),
          String.valueOf(arbiterValue)));
    }
  }

  /** Amounts differ unless both are set and equal, or openIMIS left it empty (it never computed it). */
  private void amount(OpenImisClaim c, String what, BigDecimal openImis, BigDecimal arbiterValue) {
    if (openImis != null && (arbiterValue == null || openImis.compareTo(arbiterValue) != 0)) {
      differences.add(new Difference(c.claim().code(), c.claimId(), what, openImis.toPlainString(),
          arbiterValue == null ? "none" : arbiterValue.toPlainString()));
    }
  }
}
