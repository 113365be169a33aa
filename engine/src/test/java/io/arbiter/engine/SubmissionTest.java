package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.RejectionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Entry checks (docs/adjudication.md §4.0), re-posts (§10) and concurrent submissions. */
class SubmissionTest {

  private static ArbiterException refused(Arbiter arbiter, Claim claim) {
    try {
      arbiter.claims().submit(claim);
    } catch (ArbiterException e) {
      return e;
    }
    throw new AssertionError("claim was not refused");
  }

  @Test
  void submit_everyEntryErrorIsListedAtOnce() {
    Arbiter arbiter = TestScheme.base().arbiter();
    ArbiterException e = refused(arbiter, claim().code("E1").insuree("999").facility("NOPE").icd("ZZZ")
        .on("2026-06-05").to("2026-06-04")
        .item("NOPE", "1", "10").item("PARA", "0", "10").service("CONS", "-1", "-5").build());
    assertThat(e.kind()).isEqualTo(ArbiterException.Kind.INVALID);
    assertThat(e.problems()).extracting(Problem::field).containsExactlyInAnyOrder(
        "/chfId", "/healthFacility", "/icd", "/dateTo", "/items/0/itemCode", "/items/1/qtyProvided",
        "/services/0/qtyProvided", "/services/0/priceAsked");
    assertThat(arbiter.claims().decision("E1")).as("nothing stored").isEmpty();
  }

  @Test
  void submit_missingFieldsAreMalformed() {
    Arbiter arbiter = TestScheme.base().arbiter();
    Claim noChf = new Claim("X1", null, "HF1", java.time.LocalDate.parse("2026-06-01"), null,
        java.time.LocalDate.parse("2026-06-01"), "O", "A00", null, null, null, null,
        List.of(new io.arbiter.claim.ClaimItem("PARA", null, java.math.BigDecimal.ONE)), List.of(), null);
    ArbiterException e = refused(arbiter, noChf);
    assertThat(e.kind()).isEqualTo(ArbiterException.Kind.MALFORMED);
    assertThat(e.problems()).extracting(Problem::field).contains("/chfId", "/items/0/qtyProvided");
  }

  @Test
  void submit_missingDateFromIsAnEntryError() {
    Claim noDate = new Claim("X2", "111", "HF1", null, null, java.time.LocalDate.parse("2026-06-01"), "O", "A00",
        null, null, null, null, List.of(new io.arbiter.claim.ClaimItem("PARA", java.math.BigDecimal.ONE,
        java.math.BigDecimal.ONE)), List.of(), null);
    ArbiterException e = refused(TestScheme.base().arbiter(), noDate);
    assertThat(e.kind()).isEqualTo(ArbiterException.Kind.INVALID);
    assertThat(e.problems()).extracting(Problem::field).containsExactly("/dateFrom");
  }

  @Test
  void submit_codeValidOnlyAtAnotherDateIsNotAnEntryError() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("validTo", "2025-12-31");
    assertThat(scheme.arbiter().claims().submit(claim().item("PARA", "1", "10").build()).decision().items().get(0)
        .rejectionReason()).isEqualTo(RejectionCode.NOT_IN_REGISTER);
  }

  @Test
  void submit_identicalRepostReturnsTheStoredDecisionWithoutBookingAgain() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 1);
    Arbiter arbiter = scheme.arbiter();
    Claim c = claim().code("SAME").item("PARA", "1", "10").build();
    Submission first = arbiter.claims().submit(c);
    Submission again = arbiter.claims().submit(c);
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.decision()).isEqualTo(first.decision());
    assertThat(again.decision().items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void submit_sameCodeDifferentClaimConflicts() {
    Arbiter arbiter = TestScheme.base().arbiter();
    arbiter.claims().submit(claim().code("DUP").item("PARA", "1", "10").build());
    assertThatThrownBy(() -> arbiter.claims().submit(claim().code("DUP").item("PARA", "2", "10").build()))
        .isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT));
  }

  @Test
  void submit_recordsRulesetAndSchemeVersions() {
    Arbiter arbiter = TestScheme.base().arbiter();
    ClaimDecision d = arbiter.claims().submit(claim().item("PARA", "1", "10").build()).decision();
    assertThat(d.rulesetVersion()).isEqualTo(arbiter.rules().version()).startsWith("drl-");
    assertThat(d.schemeVersion()).isEqualTo(arbiter.scheme().summary().version()).startsWith("scheme-");
  }

  @Test
  void submit_concurrentClaimsOfOneInsureeNeverOverGrantALimit() throws Exception {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 7);
    Arbiter arbiter = scheme.arbiter();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ClaimDecision>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Claim c = claim().code("P" + i).item("PARA", "1", "10").build();
        futures.add(pool.submit(() -> arbiter.claims().submit(c).decision()));
      }
      int granted = 0;
      for (Future<ClaimDecision> f : futures) {
        granted += f.get().items().get(0).rejectionReason() == RejectionCode.ACCEPTED ? 1 : 0;
      }
      assertThat(granted).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void evaluate_hasNoSideEffects() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 1);
    Arbiter arbiter = scheme.arbiter();
    Claim c = claim().code("W").item("PARA", "1", "10").build();
    assertThat(arbiter.claims().evaluate(c).items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
    assertThat(arbiter.claims().decision("W")).isEmpty();
    assertThat(arbiter.claims().submit(c).decision().items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }
}
