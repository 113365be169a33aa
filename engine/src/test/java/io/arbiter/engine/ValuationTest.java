package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Product choice (spec §5) and valuation (§6), provisional at submit. */
class ValuationTest {

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
    LineDecision line = coInsuranceAndFixed(c, f).arbiter().submit(claim().item("PARA", "1", "10").build())
        .decision().items().get(0);
    assertThat(line.limitation()).isEqualTo(chosen);
    assertThat(line.product()).isEqualTo(chosen.equals("C") ? "PRD" : "PRD2");
    assertThat(line.priceValuated()).isEqualByComparingTo(paid);
  }

  @Test
  void unitPrice_priceListOverrideBeatsRegisterPrice() {
    TestScheme scheme = TestScheme.base();
    ((ObjectNode) scheme.find("priceLists", "code", "PLI").withArray("entries").get(0)).put("priceOverride", 7.5);
    LineDecision line = scheme.arbiter().submit(claim().item("PARA", "2", "99").build()).decision().items().get(0);
    assertThat(line.priceAdjusted()).isEqualByComparingTo("7.50");
    assertThat(line.priceValuated()).isEqualByComparingTo("15.00");
  }

  @Test
  void unitPrice_originOTakesTheAskedPrice() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("priceOrigin", "O");
    ClaimDecision d = scheme.arbiter().submit(claim().item("PARA", "2", "12.5").build()).decision();
    assertThat(d.items().get(0).priceAdjusted()).isEqualByComparingTo("12.50");
    assertThat(d.approved()).isEqualByComparingTo("25.00");
    assertThat(d.claimed()).isEqualByComparingTo("25.00");
  }

  @Test
  void amounts_roundHalfEven() {
    TestScheme scheme = TestScheme.base();
    ((ObjectNode) scheme.find("priceLists", "code", "PLI").withArray("entries").get(0)).put("priceOverride", 0.25);
    scheme.productLine("PARA").put("limitAdult", 50);
    assertThat(scheme.arbiter().submit(claim().item("PARA", "1", "1").build()).decision().items().get(0)
        .priceValuated()).isEqualByComparingTo("0.12");
  }

  @Test
  void deductible_eatsAWholeLineThenPartOfTheNext() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedInsuree", 50);
    scheme.productLine("CONS").put("limitAdult", 80);
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision d = arbiter.submit(claim().service("CONS", "1", "100").item("PARA", "2", "10").build()).decision();
    LineDecision para = d.items().get(0);
    LineDecision cons = d.services().get(0);
    assertThat(para.deductableAmount()).isEqualByComparingTo("20.00");
    assertThat(para.priceValuated()).isEqualByComparingTo("0.00");
    assertThat(cons.deductableAmount()).isEqualByComparingTo("30.00");
    assertThat(cons.priceValuated()).as("(100 - 30) x 80 %").isEqualByComparingTo("56.00");
    ClaimDecision next = arbiter.submit(claim().on("2026-06-02").service("CONS", "1", "100").build()).decision();
    assertThat(next.services().get(0).deductableAmount()).isEqualByComparingTo("0.00");
    assertThat(next.services().get(0).priceValuated()).isEqualByComparingTo("80.00");
  }

  @Test
  void deductible_policyScopeIsSharedByTheFamily() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedPolicy", 50);
    Arbiter arbiter = scheme.arbiter();
    arbiter.submit(claim().insuree("111").item("PARA", "2", "10").build());
    LineDecision other = arbiter.submit(claim().insuree("112").service("CONS", "1", "100").build()).decision()
        .services().get(0);
    assertThat(other.deductableAmount()).isEqualByComparingTo("30.00");
  }

  @Test
  void deductible_precedenceSwitch() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedPolicy", 30).put("dedTreatment", 10);
    assertThat(scheme.arbiter().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .deductableAmount()).isEqualByComparingTo("30.00");
    scheme.settings().put("deductibleCeilingPrecedence", "TREATMENT_INSUREE_POLICY");
    assertThat(scheme.arbiter().submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .deductableAmount()).isEqualByComparingTo("10.00");
  }

  @Test
  void deductible_inPatientAndOutPatientBucketsAreSeparate() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedIPInsuree", 40).put("dedOPInsuree", 5);
    Arbiter arbiter = scheme.arbiter();
    assertThat(arbiter.submit(claim().on("2026-03-01").service("CONS", "1", "100").build()).decision()
        .services().get(0).deductableAmount()).isEqualByComparingTo("5.00");
    assertThat(arbiter.submit(claim().on("2026-04-01").to("2026-04-03").service("WARD", "2", "800").build())
        .decision().services().get(0).deductableAmount()).isEqualByComparingTo("40.00");
    assertThat(arbiter.submit(claim().on("2026-05-01").service("CONS", "1", "100").build()).decision()
        .services().get(0).deductableAmount()).isEqualByComparingTo("0.00");
  }

  @Test
  void ceiling_insureeCeilingCarriesOverToTheNextClaim() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 150);
    Arbiter arbiter = scheme.arbiter();
    arbiter.submit(claim().on("2026-03-01").service("CONS", "1", "100").build());
    LineDecision line = arbiter.submit(claim().service("CONS", "1", "100").build()).decision().services().get(0);
    assertThat(line.priceValuated()).isEqualByComparingTo("50.00");
    assertThat(line.exceedCeilingAmount()).isEqualByComparingTo("50.00");
  }

  @Test
  void ceiling_policyCeilingGrowsPerExtraMemberUpToItsCap() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxPolicy", 100).put("threshold", 2).put("maxPolicyExtraMember", 50);
    assertThat(scheme.arbiter().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("3 members, threshold 2: 100 + 50").isEqualByComparingTo("150.00");
    scheme.product().put("maxCeilingPolicy", 120);
    LineDecision capped = scheme.arbiter().submit(claim().service("SURG", "1", "5000").build()).decision()
        .services().get(0);
    assertThat(capped.priceValuated()).isEqualByComparingTo("120.00");
    assertThat(capped.exceedCeilingAmount()).isEqualByComparingTo("4880.00");
  }

  @Test
  void ceiling_categoryCeilingCapsTheClaimsCategoryAmount() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxAmountConsultation", 150);
    ClaimDecision d = scheme.arbiter().submit(claim().service("CONS", "2", "100").item("PARA", "1", "10").build())
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
    ClaimDecision d = arbiter.submit(claim().on("2026-03-01").service("LAB", "2", "150").build()).decision();
    assertThat(d.services().get(0).priceValuated()).isEqualByComparingTo("300.00");
    assertThat(arbiter.submit(claim().service("CONS", "1", "100").build()).decision().services().get(0)
        .priceValuated()).isEqualByComparingTo("100.00");
  }

  @Test
  void ceiling_exclusionUsesTheChildColumnForChildren() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 100);
    scheme.productLine("LAB").put("ceilingExclusionAdult", "B").put("ceilingExclusionChild", "N");
    LineDecision child = scheme.arbiter().submit(claim().insuree("113").service("LAB", "2", "150").build())
        .decision().services().get(0);
    assertThat(child.priceValuated()).isEqualByComparingTo("100.00");
  }

  @Test
  void ceiling_hospitalExclusionOnlyOnAHospitalVisit() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 100);
    scheme.productLine("LAB").put("ceilingExclusionAdult", "H");
    Arbiter arbiter = scheme.arbiter();
    assertThat(arbiter.submit(claim().on("2026-03-01").service("LAB", "1", "150").build()).decision()
        .services().get(0).priceValuated()).isEqualByComparingTo("100.00");
    assertThat(arbiter.submit(claim().on("2026-04-01").to("2026-04-02").service("LAB", "1", "150").build())
        .decision().services().get(0).priceValuated()).isEqualByComparingTo("150.00");
  }

  @Test
  void ceiling_interpretationHUsesTheFacilityLevel() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("ceilingInterpretation", "H").put("maxIPInsuree", 100).put("maxOPInsuree", 1000);
    assertThat(scheme.arbiter().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("health centre: out-patient ceiling").isEqualByComparingTo("1000.00");
    scheme.facility().put("level", "H");
    assertThat(scheme.arbiter().submit(claim().service("SURG", "1", "5000").build()).decision().services().get(0)
        .priceValuated()).as("hospital: in-patient ceiling").isEqualByComparingTo("100.00");
  }
}
