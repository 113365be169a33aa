package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Claim-level checks of docs/adjudication.md §4.1 (rules/claim.drl): 9, 7 and the switch-guarded 8. */
class ClaimChecksTest {

  private static Stream<LineDecision> lines(ClaimDecision d) {
    return Stream.concat(d.items().stream(), d.services().stream());
  }

  private static void assertWholeClaimRejected(ClaimDecision d, RejectionCode code) {
    assertThat(d.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(d.rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
    assertThat(d.category()).isNull();
    assertThat(lines(d)).allSatisfy(l -> {
      assertThat(l.rejectionReason()).isEqualTo(code);
      assertThat(l.status()).isEqualTo(LineStatus.REJECTED);
      assertThat(l.qtyApproved()).isZero();
    });
  }

  @Test
  void targetDate_claimedTheDayBeforeCareStarted_rejects9() {
    ClaimDecision d = TestScheme.base().arbiter().claims().submit(claim().on("2026-06-01").claimed("2026-05-31")
        .item("PARA", "1", "10").service("CONS", "1", "100").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.CLAIM_BEFORE_CARE);
    assertThat(d.items().get(0).rule()).isEqualTo("9 target date");
    assertThat(d.items().get(0).explanation()).contains("2026-05-31", "2026-06-01");
  }

  @Test
  void targetDate_claimedOnTheDayCareStarted_passes() {
    ClaimDecision d = TestScheme.base().arbiter().claims().submit(claim().on("2026-06-01").claimed("2026-06-01")
        .item("PARA", "1", "10").build()).decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void targetDate_isCheckedBeforeTheInsuree() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("gender");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().claimed("2026-05-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.CLAIM_BEFORE_CARE);
  }

  @Test
  void insuree_withoutGender_rejects7SayingWhy() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("gender");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.INSUREE_NOT_VALID);
    assertThat(d.items().get(0).explanation()).contains("no gender");
  }

  @Test
  void insuree_withoutBirthDate_rejects7SayingWhy() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("dob");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.INSUREE_NOT_VALID);
    assertThat(d.items().get(0).explanation()).contains("no birth date");
  }

  @Test
  void insuree_recordEndedTheDayBeforeTargetDate_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").put("validTo", "2026-05-31");
    assertWholeClaimRejected(scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision(), RejectionCode.INSUREE_NOT_VALID);
  }

  @Test
  void insuree_recordEndingOnTargetDate_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").put("validTo", "2026-06-01");
    assertThat(scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision().status()).isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void family_historical_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.find("families", "id", "F1").put("validTo", "2026-05-31");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.INSUREE_NOT_VALID);
    assertThat(d.items().get(0).explanation()).contains("family F1");
  }

  @Test
  void membership_startingTheDayAfterDateFrom_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("effectiveDate", "2026-06-02");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.INSUREE_NOT_VALID);
    assertThat(d.items().get(0).explanation()).contains("no membership");
  }

  @Test
  void membership_startingOnDateFrom_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("effectiveDate", "2026-06-01");
    assertThat(scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision().status()).isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void membership_endingBeforeTheStayEnds_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("expiryDate", "2026-06-04");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").to("2026-06-05")
        .service("WARD", "4", "800").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.INSUREE_NOT_VALID);
  }

  /**
   * Issue 15 §4 (docs/adjudication.md §10, code 7 vs 3): code 7 looks at the insuree, its family and its membership
   * dates only; a membership covering the care in a policy that is idle (1) or suspended (4) passes
   * the claim-level check, and its lines fail the coverage check with 3.
   */
  @ParameterizedTest(name = "policy status {0}")
  @ValueSource(ints = {1, 4})
  void policyNotActive_membershipCoveringTheCare_linesRejected3Not7(int status) {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("status", status);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().item("PARA", "1", "10").service("CONS", "1", "100").build())
        .decision();
    assertWholeClaimRejected(d, RejectionCode.NOT_COVERED);
    assertThat(lines(d)).allSatisfy(l -> assertThat(l.rule()).isEqualTo("3 no product"));
  }

  /**
   * Issue 15 §4: the policy's own dates are the coverage check's (3), not the insuree check's (7),
   * even when the insuree's membership runs on; the policy's last day still covers.
   */
  @ParameterizedTest(name = "policy {0} to {1}, care on 2026-06-01: code {2}")
  @CsvSource({
      "2026-01-01, 2026-05-31, 3",  // ended the day before
      "2026-06-02, 2026-12-31, 3",  // starts the day after
      "2026-01-01, 2026-06-01, 0",  // ends on the target date
  })
  void policyDates_membershipCoveringTheCare_decideCode3(String effective, String expiry, int code) {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("effectiveDate", effective).put("expiryDate", expiry);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision();
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.of(code));
    if (code != 0) {
      assertWholeClaimRejected(d, RejectionCode.of(code));
    }
  }

  /**
   * Issue 15 §4: only the membership must cover [dateFrom, TD]; a policy valid at the target date
   * of a stay that began before the policy's own start covers the stay's lines (docs/adjudication.md §2 looks at
   * policies at TD).
   */
  @Test
  void policyStartingDuringTheStay_membershipCoveringTheStay_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("effectiveDate", "2026-06-03");
    ClaimDecision d = scheme.arbiter().claims().submit(claim().on("2026-06-01").to("2026-06-05")
        .service("WARD", "4", "800").build()).decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.services().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void policy_expiredStatusWithinItsPeriod_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("status", 8);
    assertThat(scheme.arbiter().claims().submit(claim().item("PARA", "1", "10").build()).decision().status())
        .isEqualTo(ClaimStatus.CHECKED);
  }

  @Test
  void diagnosis_unknownWithSwitchOn_rejectsEveryLine8() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("unknownDiagnosisCode8", true);
    ClaimDecision d = scheme.arbiter().claims().submit(claim().icd("ZZZ").item("PARA", "1", "10")
        .service("CONS", "1", "100").build()).decision();
    assertWholeClaimRejected(d, RejectionCode.UNKNOWN_DIAGNOSIS);
    assertThat(d.services().get(0).explanation()).contains("ZZZ");
  }

  @Test
  void diagnosis_knownWithSwitchOn_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("unknownDiagnosisCode8", true);
    assertThat(scheme.arbiter().claims().submit(claim().icd("A00").item("PARA", "1", "10").build()).decision().status())
        .isEqualTo(ClaimStatus.CHECKED);
  }
}
