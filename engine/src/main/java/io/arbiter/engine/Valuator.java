package io.arbiter.engine;

import io.arbiter.claim.Claim;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.ledger.Totals;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.scheme.CeilingInterpretation;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.SchemeSettings.DeductibleCeilingPrecedence;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Why one pass per policy in a fixed order: deductibles and ceilings are consumed line by line
 * ("deducted earlier in this claim", "remunerated earlier in this claim"), so the amounts depend
 * on the order; docs/adjudication.md §6 fixes it to items then services, by line number.
 */

/** docs/adjudication.md §6: values a claim's passed lines and says what it deducts and remunerates per policy. */
final class Valuator {
  private final SchemeSnapshot scheme;
  private final Population population;
  private final UtilisationLedger ledger;

  Valuator(SchemeSnapshot scheme, Population population, UtilisationLedger ledger) {
    this.scheme = scheme;
    this.population = population;
    this.ledger = ledger;
  }

  /** Which deductible or ceiling applies: its scope, bucket and amount. */
  private enum Scope { POLICY, INSUREE, TREATMENT }

  private enum Bucket { GENERAL, IN_PATIENT, OUT_PATIENT }

  private record Limit(Scope scope, Bucket bucket, BigDecimal amount) {}

  /**
   * Values the passed lines (sets priceAdjusted, priceValuated and the amounts on each) and returns
   * the per-policy amounts to book. The claim's own earlier booking must not be in the ledger.
   */
  List<PolicyAmounts> value(Claim claim, List<LineState> lines, String category, boolean adult) {
    requireInScheme(scheme, claim, lines);
    Map<String, List<LineState>> byPolicy = new LinkedHashMap<>();
    lines.stream()
        .filter(LineState::passed)
        .sorted(Comparator.comparing((LineState l) -> l.kind).thenComparingInt(l -> l.lineNo))
        .forEach(l -> byPolicy.computeIfAbsent(l.policyId, k -> new ArrayList<>()).add(l));
    List<PolicyAmounts> booked = new ArrayList<>();
    byPolicy.forEach((policyId, policyLines) -> booked.add(valuePolicy(claim, policyId, policyLines, category, adult)));
    return booked;
  }

  private PolicyAmounts valuePolicy(Claim claim, String policyId, List<LineState> lines, String category, boolean adult) {
    Product product = scheme.product(lines.get(0).product);
    boolean hospitalVisit = product.interpretation() == CeilingInterpretation.H
        ? "H".equals(scheme.facility(claim.healthFacility()).level())
        : claim.inPatient();
    DeductibleCeilingPrecedence precedence = scheme.settings().deductibleCeilingPrecedence();
    Limit deductible = choose(precedence, hospitalVisit,
        product.dedPolicy(), product.dedInsuree(), product.dedTreatment(),
        product.dedIPPolicy(), product.dedIPInsuree(), product.dedIPTreatment(),
        product.dedOPPolicy(), product.dedOPInsuree(), product.dedOPTreatment());
    Limit ceiling = choose(precedence, hospitalVisit,
        policyCeiling(population, product, policyId, claim.targetDate(), product.maxPolicy(), product.maxPolicyExtraMember(), product.maxCeilingPolicy()),
        product.maxInsuree(), product.maxTreatment(),
        policyCeiling(population, product, policyId, claim.targetDate(), product.maxIPPolicy(), product.maxPolicyExtraMemberIP(), product.maxCeilingPolicyIP()),
        product.maxIPInsuree(), product.maxIPTreatment(),
        policyCeiling(population, product, policyId, claim.targetDate(), product.maxOPPolicy(), product.maxPolicyExtraMemberOP(), product.maxCeilingPolicyOP()),
        product.maxOPInsuree(), product.maxOPTreatment());
    Running r = new Running();
    r.deductibleLeft = deductible == null ? BigDecimal.ZERO
        : deductible.amount().subtract(previous(deductible, policyId, claim.chfId(), true));
    r.ceilingLeft = ceiling == null ? null
        : ceiling.amount().subtract(previous(ceiling, policyId, claim.chfId(), false));
    r.categoryLeft = "V".equals(category) || category == null ? null : product.maxAmount(category);
    for (LineState line : lines) {
      valueLine(claim, product, line, adult, hospitalVisit, r);
    }
    return new PolicyAmounts(policyId, hospitalVisit, r.deducted, r.remunerated, r.ceilingExcluded);
  }

  /** What is left of a policy's deductible, ceiling and category maximum, and what its lines took so far. */
  private static final class Running {
    BigDecimal deductibleLeft;
    BigDecimal ceilingLeft;
    BigDecimal categoryLeft;
    BigDecimal deducted = Money.zero();
    BigDecimal remunerated = Money.zero();
    BigDecimal ceilingExcluded = Money.zero();
  }

  /** Values one line against what is left of its policy's limits (docs/adjudication.md §6). */
  private void valueLine(Claim claim, Product product, LineState line, boolean adult, boolean hospitalVisit,
      Running r) {
    ProductLine productLine = scheme.productLine(product.code(), line.kind, line.code, claim.targetDate());
    PriceOrigin origin = PriceOrigin.valueOf(line.priceOrigin);
    BigDecimal unit = UnitPrice.of(scheme, claim, line, origin);
    BigDecimal q = line.quantity();
    BigDecimal work = Money.of(q.multiply(unit));
    if ("F".equals(line.limitation) && line.limitationValue.signum() > 0) {
      work = Money.min(work, Money.of(q.multiply(line.limitationValue)));
    }
    BigDecimal lineDeducted = Money.zero();
    if (r.deductibleLeft.signum() > 0) {
      lineDeducted = Money.min(r.deductibleLeft, work);
      r.deductibleLeft = r.deductibleLeft.subtract(lineDeducted);
      work = work.subtract(lineDeducted);
      r.deducted = r.deducted.add(lineDeducted);
    }
    if ("C".equals(line.limitation)) {
      work = Money.of(work.multiply(line.limitationValue).divide(Money.HUNDRED));
    }
    BigDecimal overCategory = Money.zero();
    if (r.categoryLeft != null) {
      BigDecimal room = Money.max(r.categoryLeft, BigDecimal.ZERO);
      overCategory = Money.max(work.subtract(room), Money.zero());
      work = work.subtract(overCategory);
      r.categoryLeft = r.categoryLeft.subtract(work);
    }
    boolean excluded = productLine != null && productLine.excludedFromCeiling(adult, hospitalVisit);
    BigDecimal overCeiling = Money.zero();
    if (!excluded) {
      if (r.ceilingLeft != null) {
        BigDecimal pay = Money.min(work, Money.max(r.ceilingLeft, BigDecimal.ZERO));
        overCeiling = work.subtract(pay);
        work = pay;
        r.ceilingLeft = r.ceilingLeft.subtract(pay);
      }
      r.remunerated = r.remunerated.add(work);
    } else {
      r.ceilingExcluded = r.ceilingExcluded.add(work);
    }
    line.priceAdjusted = UnitPrice.scheme(scheme, claim, line, origin);
    line.unitPrice = unit;
    line.priceValuated = Money.of(work);
    line.deductableAmount = Money.of(lineDeducted);
    line.exceedCeilingAmount = Money.of(overCeiling);
    line.exceedCeilingAmountCategory = Money.of(overCategory);
    line.remuneratedAmount = Money.of(work);
  }

  /** What earlier claims already deducted (or remunerated) against this limit. */
  private BigDecimal previous(Limit limit, String policyId, String chfId, boolean deductible) {
    Totals t = switch (limit.scope()) {
      case POLICY -> ledger.policyTotals(policyId);
      case INSUREE -> ledger.insureeTotals(policyId, chfId);
      case TREATMENT -> Totals.ZERO;
    };
    return switch (limit.bucket()) {
      case GENERAL -> deductible ? t.deducted() : t.remunerated();
      case IN_PATIENT -> deductible ? t.deductedIP() : t.remuneratedIP();
      case OUT_PATIENT -> deductible ? t.deductedOP() : t.remuneratedOP();
    };
  }

  /**
   * The policy ceiling grows per member above the threshold, up to its cap; the members are the
   * policy's memberships in force at {@code date} (docs/adjudication.md §10).
   */
  static BigDecimal policyCeiling(Population population, Product product, String policyId, LocalDate date,
      BigDecimal base, BigDecimal perMember, BigDecimal cap) {
    if (!Money.isSet(base)) {
      return base;
    }
    int extra = product.threshold() == null ? 0 : population.memberCount(policyId, date) - product.threshold();
    BigDecimal grown = base;
    if (extra > 0 && Money.isSet(perMember)) {
      grown = base.add(perMember.multiply(BigDecimal.valueOf(extra)));
    }
    return Money.isSet(cap) ? Money.min(grown, cap) : grown;
  }

  /**
   * Picks the deductible or ceiling that applies: the general ones first, in the precedence's
   * order; if none is set, the in-patient ones on a hospital visit, else the out-patient ones.
   */
  private static Limit choose(DeductibleCeilingPrecedence precedence, boolean hospitalVisit,
      BigDecimal policy, BigDecimal insuree, BigDecimal treatment,
      BigDecimal ipPolicy, BigDecimal ipInsuree, BigDecimal ipTreatment,
      BigDecimal opPolicy, BigDecimal opInsuree, BigDecimal opTreatment) {
    Limit general = first(precedence, Bucket.GENERAL, policy, insuree, treatment);
    if (general != null) {
      return general;
    }
    return hospitalVisit
        ? first(precedence, Bucket.IN_PATIENT, ipPolicy, ipInsuree, ipTreatment)
        : first(precedence, Bucket.OUT_PATIENT, opPolicy, opInsuree, opTreatment);
  }

  private static Limit first(DeductibleCeilingPrecedence precedence, Bucket bucket,
      BigDecimal policy, BigDecimal insuree, BigDecimal treatment) {
    Scope[] order = precedence == DeductibleCeilingPrecedence.POLICY_INSUREE_TREATMENT
        ? new Scope[] {Scope.POLICY, Scope.INSUREE, Scope.TREATMENT}
        : new Scope[] {Scope.TREATMENT, Scope.INSUREE, Scope.POLICY};
    for (Scope scope : order) {
      BigDecimal amount = switch (scope) {
        case POLICY -> policy;
        case INSUREE -> insuree;
        case TREATMENT -> treatment;
      };
      if (Money.isSet(amount)) {
        return new Limit(scope, bucket, amount);
      }
    }
    return null;
  }

  /** True when any passed line waits for a relative price (claim status 8 at process). */
  static boolean waitsForRelativePrice(List<LineState> lines) {
    return lines.stream().anyMatch(l -> l.passed() && PriceOrigin.R.name().equals(l.priceOrigin));
  }

  /**
   * A claim adjudicated under an earlier scheme is revalued (review, processing) under the current
   * one, which may have dropped its product or facility: the caller checks this before it changes
   * anything (the memory store has no rollback), and valuation checks it again.
   *
   * @throws ArbiterException CONFLICT naming what is missing
   */
  static void requireInScheme(SchemeSnapshot scheme, Claim claim, List<LineState> lines) {
    for (LineState line : lines) {
      if (line.passed() && scheme.product(line.product) == null) {
        throw new ArbiterException(ArbiterException.Kind.CONFLICT, "the claim's product " + line.product
            + " is not in the current scheme; the claim cannot be valued", List.of());
      }
    }
    if (scheme.facility(claim.healthFacility()) == null) {
      throw new ArbiterException(ArbiterException.Kind.CONFLICT, "the claim's health facility "
          + claim.healthFacility() + " is not in the current scheme; the claim cannot be valued", List.of());
    }
  }
}
