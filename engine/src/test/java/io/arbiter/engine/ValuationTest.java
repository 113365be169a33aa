package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Product choice (docs/adjudication.md §5) and valuation (§6), provisional at submit. */
public class ValuationTest {

  /** PRD pays PARA at C 80 %; a second policy's PRD2 pays it at F {@code fixed}. */
  private static TestScheme coInsuranceAndFixed(String coInsurance, String fixed) {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitAdult", Double.parseDouble(coInsurance));
    ObjectNode second = scheme.product().deepCopy();
    second.put("code", "PRD2");
    scheme.array("products").add(second);
    ((ObjectNode) second.withArray("items").get(0)).put("limitationType", "F").put("limitAdult", Double.parseDouble(fixed));
    scheme.array("policies").addObject().put("id", "POL2").put("familyId", "F1").put("productCode", "PRD2")
        .put("stage", "R").put("status", 2).put("effectiveDate", "2026-01-01").put("expiryDate", "2026-12-31");
    scheme.array("memberships").addObject().put("chfId", "111").put("policyId", "POL2")
        .put("effectiveDate", "2026-01-01").put("expiryDate", "2026-12-31");
    return scheme;
  }

  @ParameterizedTest(name = "C {0} % vs F {1} on a price of 10 → {2}, pays {3}")
  @CsvSource({
      "80, 8, C, 8.00",    // equal shares (2 vs 2): C
      "80, 9, F, 9.00",    // F leaves 1, C leaves 2: F
      "80, 0, F, 10.00",   // F of 0 is unlimited
      "80, 12, F, 10.00",  // F above the price
      "100, 9, C, 10.00",  // C 100 %
  })
  void productChoice_coInsuranceVersusFixed(String c, String f, String chosen, String paid) {
    LineDecision line = coInsuranceAndFixed(c, f).arbiter().claims().submit(claim().item("PARA", "1", "10").build())
        .decision().items().get(0);
    assertThat(line.limitation()).isEqualTo(chosen);
    assertThat(line.product()).isEqualTo(chosen.equals("C") ? "PRD" : "PRD2");
    assertThat(line.priceValuated()).isEqualByComparingTo(paid);
  }

  @Test
  void unitPrice_priceListOverrideBeatsRegisterPrice() {
    TestScheme scheme = TestScheme.base();
    ((ObjectNode) scheme.find("priceLists", "code", "PLI").withArray("entries").get(0)).put("priceOverride", 7.5);
    LineDecision line = scheme.arbiter().claims().submit(claim().item("PARA", "2", "99").build()).decision().items().get(0);
    assertThat(line.priceAdjusted()).isEqualByComparingTo("7.50");
    assertThat(line.priceValuated()).isEqualByComparingTo("15.00");
  }

  @Test
  void unitPrice_originOTakesTheAskedPrice() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("priceOrigin", "O");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().item("PARA", "2", "12.5").build()).decision();
    assertThat(d.items().get(0).priceAdjusted()).isEqualByComparingTo("12.50");
    assertThat(d.approved()).isEqualByComparingTo("25.00");
    assertThat(d.claimed()).isEqualByComparingTo("25.00");
  }

  @Test
  void amounts_roundHalfEven() {
    TestScheme scheme = TestScheme.base();
    ((ObjectNode) scheme.find("priceLists", "code", "PLI").withArray("entries").get(0)).put("priceOverride", 0.25);
    scheme.productLine("PARA").put("limitAdult", 50);
    assertThat(scheme.arbiter().claims().submit(claim().item("PARA", "1", "1").build()).decision().items().get(0)
        .priceValuated()).isEqualByComparingTo("0.12");
  }

  @Test
  void deductible_eatsAWholeLineThenPartOfTheNext() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedInsuree", 50);
    scheme.productLine("CONS").put("limitAdult", 80);
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision d = arbiter.claims().submit(claim().service("CONS", "1", "100").item("PARA", "2", "10").build()).decision();
    LineDecision para = d.items().get(0);
    LineDecision cons = d.services().get(0);
    assertThat(para.deductableAmount()).isEqualByComparingTo("20.00");
    assertThat(para.priceValuated()).isEqualByComparingTo("0.00");
    assertThat(cons.deductableAmount()).isEqualByComparingTo("30.00");
    assertThat(cons.priceValuated()).as("(100 - 30) x 80 %").isEqualByComparingTo("56.00");
    ClaimDecision next = arbiter.claims().submit(claim().on("2026-06-02").service("CONS", "1", "100").build()).decision();
    assertThat(next.services().get(0).deductableAmount()).isEqualByComparingTo("0.00");
    assertThat(next.services().get(0).priceValuated()).isEqualByComparingTo("80.00");
  }

  @Test
  void deductible_policyScopeIsSharedByTheFamily() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedPolicy", 50);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().insuree("111").item("PARA", "2", "10").build());
    LineDecision other = arbiter.claims().submit(claim().insuree("112").service("CONS", "1", "100").build()).decision()
        .services().get(0);
    assertThat(other.deductableAmount()).isEqualByComparingTo("30.00");
  }

  @Test
  void deductible_precedenceSwitch() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedPolicy", 30).put("dedTreatment", 10);
    assertThat(scheme.arbiter().claims().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .deductableAmount()).isEqualByComparingTo("30.00");
    scheme.settings().put("deductibleCeilingPrecedence", "TREATMENT_INSUREE_POLICY");
    assertThat(scheme.arbiter().claims().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .deductableAmount()).isEqualByComparingTo("10.00");
  }

  @Test
  void deductible_inPatientAndOutPatientBucketsAreSeparate() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedIPInsuree", 40).put("dedOPInsuree", 5);
    Arbiter arbiter = scheme.arbiter();
    assertThat(arbiter.claims().submit(claim().on("2026-03-01").service("CONS", "1", "100").build()).decision()
        .services().get(0).deductableAmount()).isEqualByComparingTo("5.00");
    assertThat(arbiter.claims().submit(claim().on("2026-04-01").to("2026-04-03").service("WARD", "2", "800").build())
        .decision().services().get(0).deductableAmount()).isEqualByComparingTo("40.00");
    assertThat(arbiter.claims().submit(claim().on("2026-05-01").service("CONS", "1", "100").build()).decision()
        .services().get(0).deductableAmount()).isEqualByComparingTo("0.00");
  }

  @Test
  void ceiling_insureeCeilingCarriesOverToTheNextClaim() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 150);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().on("2026-03-01").service("CONS", "1", "100").build());
    LineDecision line = arbiter.claims().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0);
    assertThat(line.priceValuated()).isEqualByComparingTo("50.00");
    assertThat(line.exceedCeilingAmount()).isEqualByComparingTo("50.00");
  }

  /**
   * Policy PRD of family F1 with a ceiling of 100, growing by 50 per member above 2. Besides 111–113
   * (members for 2026), 114's membership ends on 2026-05-31 and 115's starts on 2026-07-01: four
   * members on 2026-05-31 and on 2026-07-01 (ceiling 200), three from 2026-06-01 to 2026-06-30 (150).
   * Counting every membership ever recorded would give five (250).
   */
  public static TestScheme extraMembers() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxPolicy", 100).put("threshold", 2).put("maxPolicyExtraMember", 50);
    for (String chfId : new String[] {"114", "115"}) {
      scheme.array("insurees").addObject().put("chfId", chfId).put("familyId", "F1").put("gender", "F")
          .put("dob", "1990-01-01");
    }
    scheme.array("memberships").addObject().put("chfId", "114").put("policyId", "POL1")
        .put("effectiveDate", "2026-01-01").put("expiryDate", "2026-05-31");
    scheme.array("memberships").addObject().put("chfId", "115").put("policyId", "POL1")
        .put("effectiveDate", "2026-07-01").put("expiryDate", "2026-12-31");
    return scheme;
  }

  /** The policy ceiling {@link #extraMembers} gives at a date. */
  public static String extraMembersCeiling(String date) {
    return switch (date) {
      case "2026-05-31", "2026-07-01" -> "200.00";
      case "2026-06-01", "2026-06-30" -> "150.00";
      default -> throw new IllegalArgumentException(date);
    };
  }

  /**
   * Issue 15 §4 (docs/adjudication.md §10, extra members): the members counted for maxPolicyExtraMember are the
   * policy's memberships valid at the target date, to the day; a member joining after the claim
   * does not raise its ceiling, nor does one who left before it. The balance counts the same way.
   */
  @ParameterizedTest(name = "care on {0}")
  @ValueSource(strings = {"2026-05-31", "2026-06-01", "2026-06-30", "2026-07-01"})
  void extraMembers_countedAtTheTargetDate(String date) {
    Arbiter arbiter = extraMembers().arbiter();
    String ceiling = extraMembersCeiling(date);
    assertThat(policyCeilingInBalance(arbiter, date)).isEqualByComparingTo(ceiling);
    assertThat(arbiter.claims().submit(claim().on(date).service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).isEqualByComparingTo(ceiling);
  }

  /** The {@code maxPolicy} amount in insuree 111's balance at a date. */
  public static java.math.BigDecimal policyCeilingInBalance(Arbiter arbiter, String date) {
    return arbiter.balances().of("111", java.time.LocalDate.parse(date)).policies().get(0).ceilings().stream()
        .filter(a -> a.name().equals("maxPolicy")).findFirst().orElseThrow().amount();
  }

  @Test
  void ceiling_policyCeilingGrowsPerExtraMemberUpToItsCap() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxPolicy", 100).put("threshold", 2).put("maxPolicyExtraMember", 50);
    assertThat(scheme.arbiter().claims().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("3 members, threshold 2: 100 + 50").isEqualByComparingTo("150.00");
    scheme.product().put("maxCeilingPolicy", 120);
    LineDecision capped = scheme.arbiter().claims().submit(claim().service("SURG", "1", "5000").build()).decision()
        .services().get(0);
    assertThat(capped.priceValuated()).isEqualByComparingTo("120.00");
    assertThat(capped.exceedCeilingAmount()).isEqualByComparingTo("4880.00");
  }

  @Test
  void ceiling_categoryCeilingCapsTheClaimsCategoryAmount() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxAmountConsultation", 150);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().service("CONS", "2", "100").item("PARA", "1", "10").build())
        .decision();
    assertThat(d.items().get(0).priceValuated()).isEqualByComparingTo("10.00");
    LineDecision cons = d.services().get(0);
    assertThat(cons.priceValuated()).isEqualByComparingTo("140.00");
    assertThat(cons.exceedCeilingAmountCategory()).isEqualByComparingTo("60.00");
    assertThat(cons.exceedCeilingAmount()).isEqualByComparingTo("0.00");
  }

  @Test
  void ceiling_exclusionPaysInFullAndDoesNotUseTheCeiling() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 100);
    scheme.productLine("LAB").put("ceilingExclusionAdult", "B");
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision d = arbiter.claims().submit(claim().on("2026-03-01").service("LAB", "2", "150").build()).decision();
    assertThat(d.services().get(0).priceValuated()).isEqualByComparingTo("300.00");
    assertThat(arbiter.claims().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .priceValuated()).isEqualByComparingTo("100.00");
  }

  /**
   * Issue 15 §4 (docs/adjudication.md §6 step 7): openIMIS's ceiling exclusion codes, each against a hospital visit
   * (in-patient claim) and another visit, in the adult column (insuree 111) and the child column
   * (113). LAB is asked at 150 under an insuree ceiling of 100: excluded, it pays 150 and nothing
   * exceeds; else the ceiling cuts 50. The other age group's column says the opposite (B where the
   * line is not excluded, unset where it is), so reading the wrong column fails. Unset, absent or
   * null, means no exclusion.
   */
  @ParameterizedTest(name = "{0} column {1}, hospital visit {2}: excluded {3}")
  @CsvSource({
      "adult, B, true, true", "adult, B, false, true",
      "adult, H, true, true", "adult, H, false, false",
      "adult, N, true, false", "adult, N, false, true",
      "adult, null, true, false", "adult, null, false, false",
      "adult, absent, true, false", "adult, absent, false, false",
      "child, B, true, true", "child, B, false, true",
      "child, H, true, true", "child, H, false, false",
      "child, N, true, false", "child, N, false, true",
      "child, null, true, false", "child, null, false, false",
      "child, absent, true, false", "child, absent, false, false",
  })
  void ceilingExclusion_openImisCodesByVisitAndAgeColumn(String column, String code, boolean hospitalVisit,
      boolean excluded) {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 100);
    ObjectNode lab = scheme.productLine("LAB");
    String tested = column.equals("adult") ? "ceilingExclusionAdult" : "ceilingExclusionChild";
    String other = column.equals("adult") ? "ceilingExclusionChild" : "ceilingExclusionAdult";
    if (code.equals("null")) {
      lab.putNull(tested);
    } else if (!code.equals("absent")) {
      lab.put(tested, code);
    }
    if (!excluded) {
      lab.put(other, "B");
    }
    TestClaim claim = claim().insuree(column.equals("adult") ? "111" : "113").on("2026-04-01");
    LineDecision line = scheme.arbiter().claims().submit((hospitalVisit ? claim.to("2026-04-02") : claim)
        .service("LAB", "1", "150").build()).decision().services().get(0);
    assertThat(line.priceValuated()).isEqualByComparingTo(excluded ? "150.00" : "100.00");
    assertThat(line.exceedCeilingAmount()).isEqualByComparingTo(excluded ? "0.00" : "50.00");
  }

  /**
   * Issue 15 §4: under ceiling interpretation H the facility's level, not the stay, makes a hospital
   * visit, so N excludes a stay at a health centre and not a one-day visit at a hospital.
   */
  @ParameterizedTest(name = "facility level {0}, in-patient {1}: excluded {2}")
  @CsvSource({"C, true, true", "H, false, false"})
  void ceilingExclusionN_interpretationHFollowsTheFacilityLevel(String level, boolean inPatient, boolean excluded) {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("ceilingInterpretation", "H").put("maxInsuree", 100);
    scheme.productLine("LAB").put("ceilingExclusionAdult", "N");
    scheme.facility().put("level", level);
    TestClaim claim = claim().on("2026-04-01");
    LineDecision line = scheme.arbiter().claims().submit((inPatient ? claim.to("2026-04-02") : claim)
        .service("LAB", "1", "150").build()).decision().services().get(0);
    assertThat(line.priceValuated()).isEqualByComparingTo(excluded ? "150.00" : "100.00");
  }

  @Test
  void ceiling_interpretationHUsesTheFacilityLevel() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("ceilingInterpretation", "H").put("maxIPInsuree", 100).put("maxOPInsuree", 1000);
    assertThat(scheme.arbiter().claims().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("health centre: out-patient ceiling").isEqualByComparingTo("1000.00");
    scheme.facility().put("level", "H");
    assertThat(scheme.arbiter().claims().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("hospital: in-patient ceiling").isEqualByComparingTo("100.00");
  }
}
