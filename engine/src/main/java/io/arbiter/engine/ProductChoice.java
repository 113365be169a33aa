package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * docs/adjudication.md §5: which passing product line pays a line, co-insurance (C) or fixed amount (F), and the
 * quantity approved. Among the product lines that allow the most, C is the highest percentage and
 * F the highest amount (0 = unlimited ranks first); F wins when it covers the whole price or leaves
 * the insuree a smaller share than C.
 */
final class ProductChoice {
  private ProductChoice() {}

  /** Chooses the paying product line of every passed line of an adjudicated claim. */
  static void chooseAll(SchemeSnapshot scheme, Claim claim, Adjudicator.Outcome outcome) {
    List<LineState> lines = outcome.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).passed()) {
        choose(scheme, claim, lines.get(i), outcome.candidates().get(i), outcome.patient().adult);
      }
    }
  }

  static void choose(SchemeSnapshot scheme, Claim claim, LineState line, List<Adjudicator.Candidate> candidates,
      boolean adult) {
    String visit = claim.visit();
    BigDecimal qty = candidates.stream()
        .map(c -> c.qtyAllowed() == null ? line.qtyProvided : c.qtyAllowed())
        .max(Comparator.naturalOrder()).orElseThrow();
    List<Adjudicator.Candidate> best = candidates.stream()
        .filter(c -> (c.qtyAllowed() == null ? line.qtyProvided : c.qtyAllowed()).compareTo(qty) == 0)
        .toList();
    Adjudicator.Candidate co = best.stream()
        .filter(c -> c.productLine().limitation(visit) == Limitation.C)
        .max(Comparator.comparing(c -> c.productLine().limit(visit, adult))).orElse(null);
    Adjudicator.Candidate fixed = best.stream()
        .filter(c -> c.productLine().limitation(visit) == Limitation.F)
        .max(Comparator.comparing(c -> fixedRank(c.productLine().limit(visit, adult)))).orElse(null);
    Adjudicator.Candidate chosen;
    if (co == null || fixed == null) {
      chosen = co != null ? co : fixed;
    } else {
      BigDecimal f = fixed.productLine().limit(visit, adult);
      BigDecimal c = co.productLine().limit(visit, adult);
      BigDecimal pF = UnitPrice.of(scheme, claim, line, fixed.productLine().origin());
      BigDecimal pC = UnitPrice.of(scheme, claim, line, co.productLine().origin());
      if (f.signum() == 0 || f.compareTo(pF) > 0) {
        chosen = fixed;
      } else if (c.compareTo(Money.HUNDRED) < 0) {
        BigDecimal shareC = pC.multiply(Money.HUNDRED.subtract(c)).divide(Money.HUNDRED);
        BigDecimal shareF = pF.subtract(f);
        chosen = shareC.compareTo(shareF) > 0 ? fixed : co;
      } else {
        chosen = co;
      }
    }
    line.qtyApproved = qty;
    line.product = chosen.coverage().product().code();
    line.policyId = chosen.coverage().policy().id();
    line.priceOrigin = chosen.productLine().origin().name();
    line.limitation = chosen.productLine().limitation(visit).name();
    line.limitationValue = chosen.productLine().limit(visit, adult);
  }

  /** Ranks fixed amounts: 0 means unlimited and ranks above any amount. */
  private static BigDecimal fixedRank(BigDecimal amount) {
    return amount.signum() == 0 ? BigDecimal.valueOf(Long.MAX_VALUE) : amount;
  }
}
