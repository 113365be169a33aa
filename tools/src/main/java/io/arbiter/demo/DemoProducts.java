package io.arbiter.demo;

import io.arbiter.scheme.CeilingExclusion;
import io.arbiter.scheme.CeilingInterpretation;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PriceOrigin;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.WindowLimit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo scheme's two insurance products, built over the {@link Catalogue}:
 *
 * <ul>
 *   <li>{@value #CO_INSURANCE}: co-insurance (80 % adults, 90 % children, 100 % for preventive care
 *       and emergencies) on every register entry but crutches, with policy deductibles (IP/OP), a
 *       general policy ceiling that grows with family size, category maxima and ceilings;
 *   <li>{@value #FIXED}: fixed amounts per unit on what dispensaries and health centres provide plus
 *       all maternity care, with treatment deductibles (IP/OP), IP/OP policy ceilings that grow
 *       with family size, stricter category maxima, and ceiling interpretation H.
 * </ul>
 *
 * Both make new members wait 9 months for deliveries and cap some provisions per policy period;
 * the co-insurance product also caps physiotherapy per calendar month.
 */
final class DemoProducts {
  /** Code of the co-insurance product. */
  static final String CO_INSURANCE = "CHF-CO";
  /** Code of the fixed-amount product. */
  static final String FIXED = "CHF-FIX";

  private static final Set<String> PREVENTIVE_ITEMS =
      Set.of("LLIN", "FEFOLT", "CONDOM", "MPA150", "IMPLNT", "MEB500T", "ALB400T");
  private static final Set<String> ELECTIVE_SURGERY = Set.of("CATAR", "HYST", "TURP", "HERN", "TUBL");
  private static final Map<String, Integer> CO_INSURANCE_LIMIT_NO =
      Map.of("SPECT", 1, "CHKUP", 1, "ANCF", 7, "LLIN", 1, "REFRAC", 1, "PHYSIO", 10);
  private static final Map<String, Integer> FIXED_LIMIT_NO = Map.of("LLIN", 1, "CHKUP", 1, "ANCF", 6);
  private static final int DELIVERY_WAITING_MONTHS = 9;
  /** Physiotherapy: 10 sessions a policy period, at most 4 in a calendar month. */
  private static final String MONTHLY_LIMITED = "PHYSIO";
  private static final int MONTHLY_SESSIONS = 4;

  private DemoProducts() {}

  static List<Product> all() {
    return List.of(coInsurance(), fixed());
  }

  private static Product coInsurance() {
    List<ProductLine> items = new ArrayList<>();
    for (Catalogue.Item row : Catalogue.items()) {
      String code = row.item().code();
      if (code.equals("CRUTCH")) {
        continue;
      }
      boolean preventive = PREVENTIVE_ITEMS.contains(code);
      items.add(coInsuranceLine(code, preventive ? 100 : 80, preventive ? 100 : 90)
          .limitNo(CO_INSURANCE_LIMIT_NO.get(code)).build());
    }
    List<ProductLine> services = new ArrayList<>();
    for (Catalogue.Service row : Catalogue.services()) {
      MedicalService s = row.service();
      boolean preventive = s.type().equals("P");
      Line line = coInsuranceLine(s.code(), preventive ? 100 : 80, preventive ? 100 : 90)
          .limitNo(CO_INSURANCE_LIMIT_NO.get(s.code()))
          .origin(s.code().equals("AMBUL") ? PriceOrigin.O : PriceOrigin.P);
      if (s.code().equals(MONTHLY_LIMITED)) {
        line.perMonth(MONTHLY_SESSIONS);
      }
      if ("D".equals(s.category())) {
        line.waiting(DELIVERY_WAITING_MONTHS).exclusion(CeilingExclusion.H);
      } else if ("A".equals(s.category()) || s.category() == null) {
        line.exclusion(CeilingExclusion.B);
      }
      if (ELECTIVE_SURGERY.contains(s.code())) {
        line.waiting(12);
      }
      if (s.code().equals("OPD1")) {
        // The scheme raised consultation cover when the fee changed; the old line is kept as history.
        services.add(coInsuranceLine(s.code(), 70, 80).until(Catalogue.FEE_CHANGE.minusDays(1)).build());
        line.from(Catalogue.FEE_CHANGE);
      }
      services.add(line.build());
    }
    return new Product(CO_INSURANCE, "Community Health Fund, co-insurance 80%", Catalogue.SINCE, null,
        CeilingInterpretation.I,
        // deductibles: general, IP, OP per policy; per insuree; per treatment
        null, Amounts.of(10_000), Amounts.of(2_000), null, null, null, null, null, null,
        // ceilings: general, IP, OP per policy; per insuree; per treatment
        Amounts.of(2_000_000), null, null, null, null, null, null, null, null,
        // threshold, extra per member above it (general, IP, OP), cap of the grown ceiling (general, IP, OP)
        5, Amounts.of(300_000), null, null, Amounts.of(3_500_000), null, null,
        // maxima: consultation, surgery, delivery, hospitalisation, visits, antenatal
        12, 2, 1, 4, 20, 8,
        // category ceilings per claim: consultation, surgery, delivery, hospitalisation, antenatal
        Amounts.of(25_000), Amounts.of(700_000), Amounts.of(300_000), Amounts.of(900_000), Amounts.of(40_000),
        // no voucher
        null, items, services);
  }

  private static Line coInsuranceLine(String code, int adultPercent, int childPercent) {
    return new Line(code).limitation(Limitation.C, BigDecimal.valueOf(adultPercent), BigDecimal.valueOf(childPercent))
        .emergency(BigDecimal.valueOf(100));
  }

  private static Product fixed() {
    List<ProductLine> items = new ArrayList<>();
    for (Catalogue.Item row : Catalogue.items()) {
      if (row.tier() != Catalogue.Tier.H) {
        String code = row.item().code();
        items.add(fixedLine(code, Amounts.share(row.item().price(), 90, 1)).limitNo(FIXED_LIMIT_NO.get(code)).build());
      }
    }
    List<ProductLine> services = new ArrayList<>();
    for (Catalogue.Service row : Catalogue.services()) {
      MedicalService s = row.service();
      String category = s.category();
      boolean maternity = "D".equals(category) || "A".equals(category);
      if (row.tier() == Catalogue.Tier.H && !maternity) {
        continue;
      }
      // A fixed amount of 0 is unlimited: preventive antenatal care and vaccines are paid in full.
      boolean unlimited = "A".equals(category) || category == null;
      Line line = fixedLine(s.code(), unlimited ? BigDecimal.ZERO.setScale(2) : Amounts.share(s.price(), 80, 100))
          .limitNo(FIXED_LIMIT_NO.get(s.code()));
      if ("D".equals(category)) {
        line.waiting(DELIVERY_WAITING_MONTHS);
      } else if ("S".equals(category)) {
        line.waiting(3);
      } else if (category == null) {
        line.exclusion(CeilingExclusion.B);
      }
      services.add(line.build());
    }
    return new Product(FIXED, "Community Health Fund, fixed benefit", Catalogue.SINCE, null,
        CeilingInterpretation.H,
        // deductibles: general, IP, OP per policy; per insuree; per treatment
        null, null, null, null, null, null, null, Amounts.of(5_000), Amounts.of(500),
        // ceilings: general, IP, OP per policy; per insuree; per treatment
        null, Amounts.of(1_500_000), Amounts.of(400_000), null, null, null, null, null, null,
        // threshold, extra per member above it (general, IP, OP), cap of the grown ceiling (general, IP, OP)
        4, null, Amounts.of(250_000), Amounts.of(60_000), null, Amounts.of(2_500_000), Amounts.of(700_000),
        // maxima: consultation, surgery, delivery, hospitalisation, visits, antenatal
        8, 1, 1, 2, 12, 6,
        // category ceilings per claim: consultation, surgery, delivery, hospitalisation, antenatal
        null, Amounts.of(100_000), Amounts.of(150_000), Amounts.of(400_000), null,
        // no voucher
        null, items, services);
  }

  private static Line fixedLine(String code, BigDecimal amount) {
    return new Line(code).limitation(Limitation.F, amount, amount);
  }

  /** A product line being built; adult and child columns are set together unless said otherwise. */
  private static final class Line {
    private final String code;
    private PriceOrigin origin = PriceOrigin.P;
    private Limitation limitation;
    private BigDecimal adult;
    private BigDecimal child;
    private BigDecimal emergency;
    private Integer waitingMonths;
    private Integer limitNo;
    private List<WindowLimit> windows = List.of();
    private CeilingExclusion exclusion;
    private LocalDate validFrom = Catalogue.SINCE;
    private LocalDate validTo;

    Line(String code) {
      this.code = code;
    }

    Line origin(PriceOrigin origin) {
      this.origin = origin;
      return this;
    }

    Line limitation(Limitation type, BigDecimal adult, BigDecimal child) {
      this.limitation = type;
      this.adult = adult;
      this.child = child;
      return this;
    }

    /** Same limitation type, this value for emergency visits of adults and children. */
    Line emergency(BigDecimal value) {
      this.emergency = value;
      return this;
    }

    Line waiting(int months) {
      this.waitingMonths = months;
      return this;
    }

    Line perMonth(int provisions) {
      this.windows = List.of(new WindowLimit("MONTH", provisions, provisions));
      return this;
    }

    Line limitNo(Integer provisions) {
      this.limitNo = provisions;
      return this;
    }

    Line exclusion(CeilingExclusion exclusion) {
      this.exclusion = exclusion;
      return this;
    }

    Line from(LocalDate validFrom) {
      this.validFrom = validFrom;
      return this;
    }

    Line until(LocalDate validTo) {
      this.validTo = validTo;
      return this;
    }

    ProductLine build() {
      return new ProductLine(code, origin, limitation, emergency == null ? null : limitation, null,
          adult, emergency, null, child, emergency, null, waitingMonths, waitingMonths, limitNo, limitNo,
          exclusion, exclusion, windows, validFrom, validTo);
    }
  }
}
