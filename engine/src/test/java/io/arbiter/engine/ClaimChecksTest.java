package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Claim-level checks of spec §4.1 (rules/claim.drl): 9, 7 and the switch-guarded 8. */
class ClaimChecksTest {

  private static Stream<LineDecision> lines(ClaimDecision d) {
    return Stream.concat(d.items().stream(), d.services().stream());
  }

  private static void assertWholeClaimRejected(ClaimDecision d, int code) {
    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_REJECTED);
    assertThat(d.rejectionReason()).isEqualTo(1);
    assertThat(d.category()).isNull();
    assertThat(lines(d)).allSatisfy(l -> {
      assertThat(l.rejectionReason()).isEqualTo(code);
      assertThat(l.status()).isEqualTo(LineDecision.STATUS_REJECTED);
      assertThat(l.qtyApproved()).isZero();
    });
  }

  @Test
  void targetDate_claimedTheDayBeforeCareStarted_rejects9() {
    ClaimDecision d = TestScheme.base().arbiter().submit(claim().on("2026-06-01").claimed("2026-05-31")
        .item("PARA", "1", "10").service("CONS", "1", "100").build()).decision();
    assertWholeClaimRejected(d, 9);
    assertThat(d.items().get(0).rule()).isEqualTo("9 target date");
    assertThat(d.items().get(0).explanation()).contains("2026-05-31", "2026-06-01");
  }

  @Test
  void targetDate_claimedOnTheDayCareStarted_passes() {
    ClaimDecision d = TestScheme.base().arbiter().submit(claim().on("2026-06-01").claimed("2026-06-01")
        .item("PARA", "1", "10").build()).decision();
    assertThat(d.status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
  }

  @Test
  void targetDate_isCheckedBeforeTheInsuree() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("gender");
    ClaimDecision d = scheme.arbiter().submit(claim().claimed("2026-05-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, 9);
  }

  @Test
  void insuree_withoutGender_rejects7SayingWhy() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("gender");
    ClaimDecision d = scheme.arbiter().submit(claim().item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, 7);
    assertThat(d.items().get(0).explanation()).contains("no gender");
  }

  @Test
  void insuree_withoutBirthDate_rejects7SayingWhy() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").putNull("dob");
    ClaimDecision d = scheme.arbiter().submit(claim().item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, 7);
    assertThat(d.items().get(0).explanation()).contains("no birth date");
  }

  @Test
  void insuree_recordEndedTheDayBeforeTargetDate_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").put("validTo", "2026-05-31");
    assertWholeClaimRejected(scheme.arbiter().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision(), 7);
  }

  @Test
  void insuree_recordEndingOnTargetDate_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.insuree("111").put("validTo", "2026-06-01");
    assertThat(scheme.arbiter().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision().status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
  }

  @Test
  void family_historical_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.find("families", "id", "F1").put("validTo", "2026-05-31");
    ClaimDecision d = scheme.arbiter().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, 7);
    assertThat(d.items().get(0).explanation()).contains("family F1");
  }

  @Test
  void membership_startingTheDayAfterDateFrom_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("effectiveDate", "2026-06-02");
    ClaimDecision d = scheme.arbiter().submit(claim().on("2026-06-01").item("PARA", "1", "10").build()).decision();
    assertWholeClaimRejected(d, 7);
    assertThat(d.items().get(0).explanation()).contains("no membership");
  }

  @Test
  void membership_startingOnDateFrom_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("effectiveDate", "2026-06-01");
    assertThat(scheme.arbiter().submit(claim().on("2026-06-01").item("PARA", "1", "10").build())
        .decision().status()).isEqualTo(ClaimDecision.STATUS_CHECKED);
  }

  @Test
  void membership_endingBeforeTheStayEnds_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.membership("111").put("expiryDate", "2026-06-04");
    ClaimDecision d = scheme.arbiter().submit(claim().on("2026-06-01").to("2026-06-05")
        .service("WARD", "4", "800").build()).decision();
    assertWholeClaimRejected(d, 7);
  }

  @Test
  void policy_idle_rejects7() {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("status", 1);
    assertWholeClaimRejected(scheme.arbiter().submit(claim().item("PARA", "1", "10").build()).decision(), 7);
  }

  @Test
  void policy_expiredStatusWithinItsPeriod_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.policy("POL1").put("status", 8);
    assertThat(scheme.arbiter().submit(claim().item("PARA", "1", "10").build()).decision().status())
        .isEqualTo(ClaimDecision.STATUS_CHECKED);
  }

  @Test
  void diagnosis_unknownWithSwitchOn_rejectsEveryLine8() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("unknownDiagnosisCode8", true);
    ClaimDecision d = scheme.arbiter().submit(claim().icd("ZZZ").item("PARA", "1", "10")
        .service("CONS", "1", "100").build()).decision();
    assertWholeClaimRejected(d, 8);
    assertThat(d.services().get(0).explanation()).contains("ZZZ");
  }

  @Test
  void diagnosis_knownWithSwitchOn_passes() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("unknownDiagnosisCode8", true);
    assertThat(scheme.arbiter().submit(claim().icd("A00").item("PARA", "1", "10").build()).decision().status())
        .isEqualTo(ClaimDecision.STATUS_CHECKED);
  }
}
