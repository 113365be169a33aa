package io.arbiter.demo;

import io.arbiter.scheme.CeilingInterpretation;
import io.arbiter.scheme.Family;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.Voucher;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's voucher scheme, after Cameroon's "Chèque Santé": product {@value #PRODUCT} pays
 * maternity care in full to holders of a voucher; the last {@value #HOLDERS} households get a
 * voucher policy whose number is the voucher's. Of their vouchers CS0007 is still New and CS0008
 * cancelled; CS0009 and CS0010 are issued but not attributed. Built from the generated population
 * without drawing from its random sequence, so the rest of the demo does not move.
 */
final class DemoVouchers {
  static final String PRODUCT = "CHS-VOUCHER";
  static final int HOLDERS = 8;
  private static final List<String> MATERNITY = List.of("ANC1", "ANCF", "ANCPK", "DELN", "DELPK", "PNC");

  private DemoVouchers() {}

  static Product product() {
    List<ProductLine> services = MATERNITY.stream().map(code -> new ProductLine(code, PriceOrigin.P, Limitation.C,
        null, null, BigDecimal.valueOf(100), null, null, BigDecimal.valueOf(100), null, null, null, null, null, null,
        null, null, null, Catalogue.SINCE, null)).toList();
    return new Product(PRODUCT, "Cheque Sante, maternity care with a voucher", Catalogue.SINCE, null,
        CeilingInterpretation.I,
        null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null,
        null, null, null, null, null, null,
        null, null, null, null, null,
        true, List.of(), services);
  }

  /** Voucher policies, memberships and the voucher register for the last households. */
  record Holders(List<Policy> policies, List<Membership> memberships, List<Voucher> vouchers) {}

  static Holders holders(List<Family> families, List<Insuree> insurees) {
    List<Policy> policies = new ArrayList<>();
    List<Membership> memberships = new ArrayList<>();
    List<Voucher> vouchers = new ArrayList<>();
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 12, 31);
    List<Family> last = families.subList(Math.max(0, families.size() - HOLDERS), families.size());
    for (int i = 0; i < last.size(); i++) {
      String number = String.format("CS%04d", i + 1);
      String familyId = last.get(i).id();
      policies.add(new Policy(number, familyId, PRODUCT, PolicyStage.R, Policy.STATUS_ACTIVE, from, from, from, to));
      insurees.stream().filter(p -> p.familyId().equals(familyId))
          .forEach(p -> memberships.add(new Membership(p.chfId(), number, from, to)));
      vouchers.add(new Voucher(number, i == 6 ? Voucher.Status.NEW : i == 7 ? Voucher.Status.CANCEL
          : Voucher.Status.USED));
    }
    vouchers.add(new Voucher("CS0009", Voucher.Status.NEW));
    vouchers.add(new Voucher("CS0010", Voucher.Status.NEW));
    return new Holders(policies, memberships, vouchers);
  }
}
