package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-product checks of docs/adjudication.md §4.2 (17, 16, category maxima), 3, and how coverages resolve. */
class ProductChecksTest {

  private static LineDecision firstItem(Arbiter arbiter, TestClaim claim) {
    return arbiter.claims().submit(claim.build()).decision().items().get(0);
  }

  // --- 17 waiting period

  private static TestScheme newPolicyWaiting(int months) {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("stage", "N");
    scheme.productLine("PARA").put("waitingPeriodAdult", months);
    return scheme;
  }

  @Test
  void waiting_lastDayOfThePeriod_rejects17() {
    LineDecision line = firstItem(newPolicyWaiting(3).arbiter(), claim().on("2026-03-31").item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.WAITING_PERIOD);
    assertThat(line.rule()).isEqualTo("17 waiting period");
    assertThat(line.explanation()).contains("3 months", "2026-04-01");
  }

  @Test
  void waiting_firstDayAfterThePeriod_passes() {
    assertThat(firstItem(newPolicyWaiting(3).arbiter(), claim().on("2026-04-01").item("PARA", "1", "10"))
        .rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void waiting_childColumnForChildren() {
    TestScheme scheme = newPolicyWaiting(3);
    scheme.productLine("PARA").put("waitingPeriodChild", 0);
    assertThat(firstItem(scheme.arbiter(), claim().insuree("113").on("2026-02-01").item("PARA", "1", "10"))
        .rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void waiting_renewalPolicyDoesNotWait() {
    TestScheme scheme = newPolicyWaiting(3);
    scheme.policy("POL1").put("stage", "R");
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-02-01").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void waiting_memberJoiningARunningRenewalWaits() {
    TestScheme scheme = newPolicyWaiting(3);
    scheme.policy("POL1").put("stage", "R");
    scheme.membership("111").put("effectiveDate", "2026-02-15");
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-05-14").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.WAITING_PERIOD);
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-05-15").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void waiting_monthsClampToTheMonthEnd() {
    TestScheme scheme = newPolicyWaiting(1);
    scheme.membership("111").put("effectiveDate", "2026-01-31");
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-02-27").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.WAITING_PERIOD);
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-02-28").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void waiting_failureWinsOverProvisionLimit() {
    TestScheme scheme = newPolicyWaiting(3);
    scheme.productLine("PARA").put("limitNoAdult", 0);
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-02-01").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.WAITING_PERIOD);
  }

  // --- 16 provisions

  private static Arbiter withProvisions(TestScheme scheme, String qty) {
    Arbiter arbiter = scheme.arbiter();
    assertThat(firstItem(arbiter, claim().on("2026-03-01").item("PARA", qty, "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    return arbiter;
  }

  @Test
  void provisions_limitReached_rejects16() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 3);
    LineDecision line = firstItem(withProvisions(scheme, "3"), claim().item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
    assertThat(line.parameters()).containsEntry("providedBefore", new BigDecimal("3"));
  }

  @Test
  void provisions_exceedingTheRest_passesPartially() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 3);
    LineDecision line = firstItem(withProvisions(scheme, "2"), claim().item("PARA", "2", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(line.qtyApproved()).isEqualByComparingTo("1");
    assertThat(line.rule()).isEqualTo("16 partial provisions");
    assertThat(line.priceValuated()).isEqualByComparingTo("10.00");
  }

  @Test
  void provisions_exactlyTheRest_passesWhole() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 3);
    LineDecision line = firstItem(withProvisions(scheme, "2"), claim().item("PARA", "1", "10"));
    assertThat(line.qtyApproved()).isEqualByComparingTo("1");
    assertThat(line.rule()).isEqualTo("0 covered");
  }

  @Test
  void provisions_partialSwitchOff_passesTheWholeQuantity() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 3);
    scheme.settings().put("partialProvisions", false);
    LineDecision line = firstItem(withProvisions(scheme, "2"), claim().item("PARA", "2", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(line.qtyApproved()).isEqualByComparingTo("2");
  }

  @Test
  void provisions_limitZero_rejectsTheFirst() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 0);
    assertThat(firstItem(scheme.arbiter(), claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
  }

  @Test
  void provisions_beforeTheMembershipDoNotCount() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 1);
    ObjectNode older = scheme.array("policies").addObject();
    older.put("id", "POL0").put("familyId", "F1").put("productCode", "PRD").put("stage", "R").put("status", 8)
        .put("effectiveDate", "2025-01-01").put("expiryDate", "2025-12-31");
    scheme.array("memberships").addObject().put("chfId", "111").put("policyId", "POL0")
        .put("effectiveDate", "2025-01-01").put("expiryDate", "2025-12-31");
    Arbiter arbiter = scheme.arbiter();
    assertThat(firstItem(arbiter, claim().on("2025-12-31").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(firstItem(arbiter, claim().on("2026-01-01").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(firstItem(arbiter, claim().on("2026-01-02").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
  }

  // --- 3 no product

  @Test
  void noProduct_itemNotInTheProduct_rejects3() {
    TestScheme scheme = TestScheme.base();
    scheme.product().withArray("items").remove(0);
    LineDecision line = firstItem(scheme.arbiter(), claim().item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.NOT_COVERED);
    assertThat(line.rule()).isEqualTo("3 no product");
  }

  @Test
  void noProduct_productLineEndedBeforeTargetDate_rejects3() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("validTo", "2026-05-31");
    assertThat(firstItem(scheme.arbiter(), claim().on("2026-06-01").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.NOT_COVERED);
  }

  // --- several products

  private static TestScheme twoPolicies() {
    TestScheme scheme = TestScheme.base();
    ObjectNode second = scheme.product().deepCopy();
    second.put("code", "PRD2");
    scheme.array("products").add(second);
    scheme.array("policies").addObject().put("id", "POL2").put("familyId", "F1").put("productCode", "PRD2")
        .put("stage", "R").put("status", 2).put("effectiveDate", "2026-02-01").put("expiryDate", "2026-12-31");
    scheme.array("memberships").addObject().put("chfId", "111").put("policyId", "POL2")
        .put("effectiveDate", "2026-02-01").put("expiryDate", "2026-12-31");
    scheme.productLine("PARA").put("limitNoAdult", 0);
    return scheme;
  }

  @Test
  void anyProductPasses_secondProductCoversWhenTheFirstFails() {
    LineDecision line = firstItem(twoPolicies().arbiter(), claim().item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(line.product()).isEqualTo("PRD2");
    assertThat(line.policyId()).isEqualTo("POL2");
  }

  @Test
  void anyProductPasses_switchOff_firstFailureRejects() {
    TestScheme scheme = twoPolicies();
    scheme.settings().put("anyProductPasses", false);
    assertThat(firstItem(scheme.arbiter(), claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.MAX_PROVISIONS);
  }

  @Test
  void coverage_everyProductFails_keepsTheFirstFailureInPolicyOrder() {
    TestScheme scheme = twoPolicies();
    scheme.policy("POL1").put("stage", "N");
    scheme.productLine("PARA").put("waitingPeriodAdult", 12);
    scheme.find("products", "code", "PRD2").withArray("items").forEach(l -> ((ObjectNode) l).put("limitNoAdult", 0));
    assertThat(firstItem(scheme.arbiter(), claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.WAITING_PERIOD);
  }

  // --- category maxima

  @ParameterizedTest(name = "category {0}: code {2}")
  @CsvSource({
      "C, maxNoConsultation, 13, CONS, ",
      "S, maxNoSurgery, 14, SURG, ",
      "D, maxNoDelivery, 15, DELIV, 112",
      "A, maxNoAntenatal, 19, ANC, 112",
      "V, maxNoVisits, 12, LAB, ",
  })
  void categoryMaximum_reachedRejectsTheWholeClaim(String category, String field, int code, String service,
      String chfId) {
    String insuree = chfId == null ? "111" : chfId;
    TestScheme scheme = TestScheme.base();
    scheme.product().put(field, 2);
    Arbiter arbiter = scheme.arbiter();
    for (String day : new String[] {"2026-03-01", "2026-04-01"}) {
      ClaimDecision earlier = arbiter.claims().submit(claim().insuree(insuree).on(day).service(service, "1", "1").build())
          .decision();
      assertThat(earlier.category()).isEqualTo(category);
      assertThat(earlier.status()).isEqualTo(ClaimStatus.CHECKED);
    }
    ClaimDecision third = arbiter.claims().submit(claim().insuree(insuree).service(service, "1", "1")
        .item("PARA", "1", "10").build()).decision();
    assertThat(third.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(third.services().get(0).rejectionReason()).isEqualTo(RejectionCode.of(code));
    assertThat(third.items().get(0).rejectionReason()).as("whole claim").isEqualTo(RejectionCode.of(code));
    assertThat(third.items().get(0).rule()).isEqualTo("whole claim on maximum");
  }

  @Test
  void categoryMaximum_hospitalisationForAStay_rejects11() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoHospitalization", 1);
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision first = arbiter.claims().submit(claim().on("2026-03-01").to("2026-03-03").service("WARD", "2", "800").build())
        .decision();
    assertThat(first.category()).isEqualTo("H");
    ClaimDecision second = arbiter.claims().submit(claim().on("2026-05-01").to("2026-05-03").service("WARD", "2", "800").build())
        .decision();
    assertThat(second.services().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_HOSPITAL_ADMISSIONS);
  }

  @Test
  void categoryMaximum_oneBelowTheMaximum_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 2);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().on("2026-03-01").service("CONS", "1", "100").build());
    assertThat(arbiter.claims().submit(claim().service("CONS", "1", "100").build()).decision().status())
        .isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void categoryMaximum_zeroAllowsNone() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 0);
    assertThat(scheme.arbiter().claims().submit(claim().service("CONS", "1", "100").build()).decision()
        .services().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_CONSULTATIONS);
  }

  @Test
  void categoryMaximum_otherCategoriesDoNotCount() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 1);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().on("2026-03-01").service("SURG", "1", "5000").build());
    assertThat(arbiter.claims().submit(claim().service("CONS", "1", "100").build()).decision().status())
        .isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void categoryMaximum_wholeClaimSwitchOff_rejectsOnlyTheServices() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 0);
    scheme.settings().put("wholeClaimOnMaximum", false);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().service("CONS", "1", "100").item("PARA", "1", "10").build())
        .decision();
    assertThat(d.services().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_CONSULTATIONS);
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void categoryMaximum_wholeClaimOverridesEarlierLineCodes() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 0);
    scheme.product().withArray("items").remove(0);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().service("CONS", "1", "100").item("PARA", "1", "10").build())
        .decision();
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.MAX_CONSULTATIONS);
    assertThat(d.items().get(0).qtyApproved()).isZero();
  }
}
