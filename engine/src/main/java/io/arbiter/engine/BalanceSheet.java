package io.arbiter.engine;

import io.arbiter.ledger.Totals;
import io.arbiter.ledger.UtilisationLedger;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.Population;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads an insuree's balance from the ledger: one counter read per limit, no claim scan. */
final class BalanceSheet {
  private static final String[] CATEGORIES = {"H", "V", "C", "S", "D", "A"};
  private static final String[] MAX_NO_FIELDS = {"maxNoHospitalization", "maxNoVisits", "maxNoConsultation",
      "maxNoSurgery", "maxNoDelivery", "maxNoAntenatal"};

  private final SchemeSnapshot scheme;
  private final Population population;
  private final UtilisationLedger ledger;

  BalanceSheet(SchemeSnapshot scheme, Population population, UtilisationLedger ledger) {
    this.scheme = scheme;
    this.population = population;
    this.ledger = ledger;
  }

  Balance of(String chfId, LocalDate date) {
    Patient patient = Patient.at(scheme, population, chfId, date, date);
    List<Balance.PolicyBalance> policies = new ArrayList<>();
    for (Coverage c : patient.coverages) {
      Product p = c.product();
      String policyId = c.policy().id();
      Totals policy = ledger.policyTotals(policyId);
      Totals insuree = ledger.insureeTotals(policyId, chfId);
      Totals policyFinal = ledger.finalPolicyTotals(policyId);
      Totals insureeFinal = ledger.finalInsureeTotals(policyId, chfId);
      List<Balance.Amount> deductibles = new ArrayList<>();
      amount(deductibles, "dedPolicy", p.dedPolicy(), policy.deducted(), policyFinal.deducted());
      amount(deductibles, "dedIPPolicy", p.dedIPPolicy(), policy.deductedIP(), policyFinal.deductedIP());
      amount(deductibles, "dedOPPolicy", p.dedOPPolicy(), policy.deductedOP(), policyFinal.deductedOP());
      amount(deductibles, "dedInsuree", p.dedInsuree(), insuree.deducted(), insureeFinal.deducted());
      amount(deductibles, "dedIPInsuree", p.dedIPInsuree(), insuree.deductedIP(), insureeFinal.deductedIP());
      amount(deductibles, "dedOPInsuree", p.dedOPInsuree(), insuree.deductedOP(), insureeFinal.deductedOP());
      List<Balance.Amount> ceilings = new ArrayList<>();
      amount(ceilings, "maxPolicy", Valuator.policyCeiling(population, p, policyId, date, p.maxPolicy(),
          p.maxPolicyExtraMember(), p.maxCeilingPolicy()), policy.remunerated(), policyFinal.remunerated());
      amount(ceilings, "maxIPPolicy", Valuator.policyCeiling(population, p, policyId, date, p.maxIPPolicy(),
          p.maxPolicyExtraMemberIP(), p.maxCeilingPolicyIP()), policy.remuneratedIP(), policyFinal.remuneratedIP());
      amount(ceilings, "maxOPPolicy", Valuator.policyCeiling(population, p, policyId, date, p.maxOPPolicy(),
          p.maxPolicyExtraMemberOP(), p.maxCeilingPolicyOP()), policy.remuneratedOP(), policyFinal.remuneratedOP());
      amount(ceilings, "maxInsuree", p.maxInsuree(), insuree.remunerated(), insureeFinal.remunerated());
      amount(ceilings, "maxIPInsuree", p.maxIPInsuree(), insuree.remuneratedIP(), insureeFinal.remuneratedIP());
      amount(ceilings, "maxOPInsuree", p.maxOPInsuree(), insuree.remuneratedOP(), insureeFinal.remuneratedOP());
      List<Balance.Count> provisions = new ArrayList<>();
      provisionCounts(provisions, chfId, c, LineKind.ITEM, p.items(), patient.adult, date);
      provisionCounts(provisions, chfId, c, LineKind.SERVICE, p.services(), patient.adult, date);
      List<Balance.Count> categories = new ArrayList<>();
      for (int i = 0; i < CATEGORIES.length; i++) {
        Integer max = p.maxNo(CATEGORIES[i]);
        if (max != null) {
          int used = ledger.claimsInCategory(chfId, CATEGORIES[i], c.memberFrom(), c.periodEnd());
          categories.add(count(MAX_NO_FIELDS[i], BigDecimal.valueOf(max), BigDecimal.valueOf(used)));
        }
      }
      policies.add(new Balance.PolicyBalance(policyId, p.code(), c.policy().effectiveDate(),
          c.policy().expiryDate(), deductibles, ceilings, provisions, categories));
    }
    return new Balance(chfId, date, policies);
  }

  private void provisionCounts(List<Balance.Count> out, String chfId, Coverage c, LineKind kind,
      List<ProductLine> lines, boolean adult, LocalDate date) {
    for (ProductLine line : lines) {
      Integer limit = line.limitNo(adult);
      if (line.isValidAt(date) && limit != null) {
        BigDecimal used = ledger.providedQuantity(chfId, kind, line.code(), c.memberFrom(), c.periodEnd());
        out.add(count(kind.word() + " " + line.code(), BigDecimal.valueOf(limit), used));
      }
    }
  }

  private static void amount(List<Balance.Amount> out, String name, BigDecimal amount, BigDecimal used,
      BigDecimal usedFinal) {
    if (Money.isSet(amount)) {
      out.add(new Balance.Amount(name, Money.of(amount), Money.of(used), Money.of(used.subtract(usedFinal)),
          Money.of(Money.max(amount.subtract(used), BigDecimal.ZERO))));
    }
  }

  private static Balance.Count count(String name, BigDecimal limit, BigDecimal used) {
    return new Balance.Count(name, plain(limit), plain(used), plain(Money.max(limit.subtract(used), BigDecimal.ZERO)));
  }

  /**
   * A count in one form whatever its source (a quantity read as 1.0, a sum held at the database's
   * scale): without trailing zeros, so a whole count is written as an integer.
   */
  private static BigDecimal plain(BigDecimal count) {
    BigDecimal stripped = count.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
