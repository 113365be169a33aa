package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import org.junit.jupiter.api.Test;

/** Line checks of docs/adjudication.md §4.2 before the per-product ones: 1, 2, 10, 4, 5, in that order. */
class LineChecksTest {

  private static LineDecision item(TestScheme scheme, TestClaim claim) {
    return scheme.arbiter().claims().submit(claim.build()).decision().items().get(0);
  }

  // --- 1 register

  @Test
  void register_versionEndedTheDayBeforeTargetDate_rejects1() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("validTo", "2026-05-31");
    LineDecision line = item(scheme, claim().on("2026-06-01").item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
    assertThat(line.rule()).isEqualTo("1 register");
  }

  @Test
  void register_versionEndingOnTargetDate_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("validTo", "2026-06-01");
    assertThat(item(scheme, claim().on("2026-06-01").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void register_targetDateIsDateToForAStay() {
    TestScheme scheme = TestScheme.base();
    scheme.service("WARD").put("validTo", "2026-06-02");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").to("2026-06-03")
        .service("WARD", "2", "800").item("PARA", "1", "10").build()).decision();
    assertThat(d.services().get(0).rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
  }

  @Test
  void register_failureWinsOverPriceList() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("validFrom", "2026-07-01");
    scheme.find("priceLists", "code", "PLI").withArray("entries").remove(0);
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
  }

  // --- 2 price list

  @Test
  void priceList_noEntry_rejects2() {
    TestScheme scheme = TestScheme.base();
    scheme.find("priceLists", "code", "PLI").withArray("entries").remove(0);
    LineDecision line = item(scheme, claim().item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.NOT_IN_PRICE_LIST);
    assertThat(line.rule()).isEqualTo("2 price list");
  }

  @Test
  void priceList_entryEndedTheDayBefore_rejects2() {
    TestScheme scheme = TestScheme.base();
    ((com.fasterxml.jackson.databind.node.ObjectNode) scheme.find("priceLists", "code", "PLI")
        .withArray("entries").get(0)).put("validTo", "2026-05-31");
    assertThat(item(scheme, claim().on("2026-06-01").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.NOT_IN_PRICE_LIST);
  }

  @Test
  void priceList_failureWinsOverCareType() {
    TestScheme scheme = TestScheme.base();
    scheme.find("priceLists", "code", "PLI").withArray("entries").remove(0);
    scheme.facility().put("careType", "I");
    scheme.item("PARA").put("careType", "O");
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.NOT_IN_PRICE_LIST);
  }

  // --- 10 care type

  @Test
  void careType_outPatientFacilityInPatientClaim_rejects10() {
    TestScheme scheme = TestScheme.base();
    scheme.facility().put("careType", "O");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").to("2026-06-02")
        .item("PARA", "1", "10").build()).decision();
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
    assertThat(d.items().get(0).rule()).isEqualTo("10 care type");
  }

  @Test
  void careType_outPatientFacilityInPatientLine_rejects10() {
    TestScheme scheme = TestScheme.base();
    scheme.facility().put("careType", "O");
    scheme.item("PARA").put("careType", "I");
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
  }

  @Test
  void careType_inPatientFacilityOutPatientLine_rejects10() {
    TestScheme scheme = TestScheme.base();
    scheme.facility().put("careType", "I");
    scheme.item("PARA").put("careType", "O");
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
  }

  @Test
  void careType_inPatientLineOnOutPatientClaimAtBothFacility_passesModularRejectsLegacy() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("careType", "I");
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    scheme.settings().put("careTypeRule", "LEGACY");
    LineDecision legacy = item(scheme, claim().item("PARA", "1", "10"));
    assertThat(legacy.rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
    assertThat(legacy.rule()).isEqualTo("10 care type legacy");
  }

  @Test
  void careType_outPatientLineOnInPatientClaim_passesModularRejectsLegacy() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("careType", "O");
    TestClaim stay = claim().on("2026-06-01").to("2026-06-03").item("PARA", "1", "10");
    assertThat(item(scheme, stay).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    scheme.settings().put("careTypeRule", "LEGACY");
    assertThat(item(scheme, claim().on("2026-06-01").to("2026-06-03").item("PARA", "1", "10"))
        .rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
  }

  @Test
  void careType_failureWinsOverMask() {
    TestScheme scheme = TestScheme.base();
    scheme.facility().put("careType", "I");
    scheme.item("PARA").put("careType", "O").put("patientCategory", 14);
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.CARE_TYPE);
  }

  // --- 4 mask

  @Test
  void mask_femaleOnlyItemForMaleInsuree_rejects4() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("patientCategory", 2 | 4 | 8);
    LineDecision line = item(scheme, claim().insuree("111").item("PARA", "1", "10"));
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.PATIENT_MASK);
    assertThat(line.rule()).isEqualTo("4 mask");
    assertThat(line.parameters()).containsEntry("patientMask", 1 | 4);
  }

  @Test
  void mask_femaleOnlyItemForFemaleInsuree_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("patientCategory", 2 | 4 | 8);
    assertThat(item(scheme, claim().insuree("112").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void mask_otherGenderCountsAsMale() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("112").put("gender", "O");
    scheme.item("PARA").put("patientCategory", 2 | 4 | 8);
    assertThat(item(scheme, claim().insuree("112").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.PATIENT_MASK);
  }

  @Test
  void mask_zeroMeansEveryoneByDefault() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("patientCategory", 0);
    assertThat(item(scheme, claim().item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void mask_explainsTheConcernThatFailed() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("patientCategory", 2 | 4 | 8);
    scheme.item("AMOX").put("patientCategory", 1 | 2 | 8);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().insuree("111").item("PARA", "1", "10")
        .item("AMOX", "1", "25").build()).decision();
    assertThat(d.items().get(0).explanation()).isEqualTo("item PARA is for women only; insuree is male");
    assertThat(d.items().get(1).explanation()).isEqualTo("item AMOX is for children only; insuree is an adult");
  }

  @Test
  void mask_perConcernForm() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("patientCategory", 0).putObject("patient").putArray("sex").add("F");
    assertThat(item(scheme, claim().insuree("111").item("PARA", "1", "10")).rejectionReason()).isEqualTo(RejectionCode.PATIENT_MASK);
    assertThat(item(scheme, claim().insuree("113").item("PARA", "1", "10")).rejectionReason())
        .as("a girl: no age selected means every age").isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void mask_adultFromTheEighteenthBirthday() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("113").put("dob", "2008-06-01");
    scheme.item("PARA").put("patientCategory", 1 | 2 | 8);
    assertThat(item(scheme, claim().insuree("113").on("2026-05-31").item("PARA", "1", "10")).rejectionReason())
        .as("the day before the 18th birthday: child").isEqualTo(RejectionCode.ACCEPTED);
    assertThat(item(scheme, claim().insuree("113").on("2026-06-01").item("PARA", "1", "10")).rejectionReason())
        .as("on the 18th birthday: adult").isEqualTo(RejectionCode.PATIENT_MASK);
  }

  @Test
  void mask_ageOfMajoritySwitch() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("ageOfMajority", 21);
    scheme.insuree("113").put("dob", "2006-06-01");
    scheme.item("PARA").put("patientCategory", 1 | 2 | 8);
    assertThat(item(scheme, claim().insuree("113").on("2026-06-01").item("PARA", "1", "10")).rejectionReason())
        .isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void mask_failureWinsOverFrequency() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30).put("patientCategory", 2 | 4 | 8);
    Arbiter arbiter = scheme.arbiter();
    scheme.item("PARA").put("patientCategory", 15);
    arbiter.scheme().replace(scheme.document());
    arbiter.claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build());
    scheme.item("PARA").put("patientCategory", 2 | 4 | 8);
    arbiter.scheme().replace(scheme.document());
    assertThat(arbiter.claims().submit(claim().on("2026-06-02").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.PATIENT_MASK);
  }

  // --- 5 frequency

  private static Arbiter withEarlierProvision(TestScheme scheme, String date) {
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision first = arbiter.claims().submit(claim().code("EARLY").on(date).item("PARA", "1", "10").build()).decision();
    assertThat(first.items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    return arbiter;
  }

  @Test
  void frequency_exactlyFDaysApart_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-01");
    assertThat(arbiter.claims().submit(claim().on("2026-07-01").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void frequency_oneDayLessThanF_rejects5WithTheEarlierClaim() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-01");
    LineDecision line = arbiter.claims().submit(claim().on("2026-06-30").item("PARA", "1", "10").build()).decision()
        .items().get(0);
    assertThat(line.rejectionReason()).isEqualTo(RejectionCode.FREQUENCY);
    assertThat(line.explanation()).isEqualTo("frequency 30 days; last provided 2026-06-01 on claim EARLY, 29 days apart");
  }

  @Test
  void frequency_laterProvisionCountsToo() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-20");
    assertThat(arbiter.claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.FREQUENCY);
  }

  @Test
  void frequency_inclusiveSwitchRejectsExactlyFDaysApart() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    scheme.settings().put("frequencyBoundary", "INCLUSIVE");
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-01");
    assertThat(arbiter.claims().submit(claim().on("2026-07-01").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.FREQUENCY);
    assertThat(arbiter.claims().submit(claim().on("2026-07-02").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void frequency_rejectedEarlierLineDoesNotCount() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().on("2026-06-01").claimed("2026-05-01").item("PARA", "1", "10").build());
    assertThat(arbiter.claims().submit(claim().on("2026-06-10").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void frequency_otherInsureeDoesNotCount() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-01");
    assertThat(arbiter.claims().submit(claim().insuree("112").on("2026-06-02").item("PARA", "1", "10").build())
        .decision().items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void frequency_zeroMeansNoLimit() {
    Arbiter arbiter = withEarlierProvision(TestScheme.base(), "2026-06-01");
    assertThat(arbiter.claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void frequency_failureWinsOverProvisionLimit() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = withEarlierProvision(scheme, "2026-06-01");
    scheme.productLine("PARA").put("limitNoAdult", 1);
    arbiter.scheme().replace(scheme.document());
    assertThat(arbiter.claims().submit(claim().on("2026-06-05").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).isEqualTo(RejectionCode.FREQUENCY);
  }
}
