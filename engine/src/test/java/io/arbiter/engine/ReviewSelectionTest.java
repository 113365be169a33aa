package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.review.ClaimFilter;
import io.arbiter.review.SelectionRequest;
import io.arbiter.review.SelectionResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review selection policy (docs/adjudication.md §8): risk bands at submit, and each mode over a set at its boundary. */
class ReviewSelectionTest {
  private static final Clock JULY = Clock.fixed(Instant.parse("2026-07-01T10:00:00Z"), ZoneOffset.UTC);
  private static final ClaimFilter JUNE = new ClaimFilter(null, LocalDate.parse("2026-06-15"), null, null);

  private final TestScheme scheme = TestScheme.base();
  private final TestScorer scorer = new TestScorer();

  private ObjectNode policy() {
    return scheme.settings().putObject("reviewSelection");
  }

  private Arbiter arbiter() {
    return Arbiter.builder().rules(TestScheme.rules()).scheme(scheme.document()).scorer(scorer).clock(JULY).build();
  }

  private static SelectionRequest request(List<String> modes) {
    return new SelectionRequest(JUNE, modes, null, null, null, null, null, null, 7L);
  }

  @Test
  void submit_valueAtStakeAtTheReviewThresholdIsSelected() {
    // TestScorer: value at stake = 100 × score, so 70.00 is at the threshold and 69.99 just below.
    policy().put("reviewAt", 70);
    scorer.score("AT", 0.7).score("BELOW", 0.6999);
    Arbiter arbiter = arbiter();
    ClaimDecision at = arbiter.claims().submit(claim().code("AT").item("PARA", "1", "10").build()).decision();
    ClaimDecision below = arbiter.claims().submit(claim().code("BELOW").item("PARA", "1", "10").build()).decision();
    assertThat(at.reviewStatus()).isEqualTo(ReviewStatus.SELECTED);
    assertThat(at.selection().mode()).isEqualTo(ReviewSelection.MODE_RISK);
    assertThat(at.selection().policyVersion()).startsWith("review-");
    assertThat(below.reviewStatus()).as("the model's own band says review; the scheme's threshold decides")
        .isEqualTo(ReviewStatus.NOT_SELECTED);
  }

  @Test
  void submit_rejectThresholdRejectsEveryPassedLineWithMinus2() {
    policy().put("reviewAt", 50).put("rejectAt", 90);
    scorer.score("R", 0.9);
    ClaimDecision d = arbiter().claims().submit(claim().code("R").item("PARA", "1", "10").service("CONS", "1", "100").build())
        .decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.AUTO_REJECTED);
    assertThat(d.services().get(0).rejectionReason()).isEqualTo(RejectionCode.AUTO_REJECTED);
    assertThat(d.risk().score()).isEqualTo(0.9);
  }

  @Test
  void submit_withoutRejectThresholdNothingIsRejectedByTheModel() {
    scorer.score("HIGH", 0.99);
    ClaimDecision d = arbiter().claims().submit(claim().code("HIGH").item("PARA", "1", "10").build()).decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.reviewStatus()).isEqualTo(ReviewStatus.SELECTED);
  }

  @Test
  void submit_unscoredClaimIsSelectedUnlessThePolicySaysOtherwise() {
    scorer.score("U1", null);
    assertThat(arbiter().claims().submit(claim().code("U1").item("PARA", "1", "10").build()).decision().reviewStatus())
        .isEqualTo(ReviewStatus.SELECTED);
    policy().put("selectUnscored", false);
    scorer.score("U2", null);
    assertThat(arbiter().claims().submit(claim().code("U2").item("PARA", "1", "10").build()).decision().reviewStatus())
        .isEqualTo(ReviewStatus.NOT_SELECTED);
  }

  @Test
  void submit_selectionSurvivesReviewAndProcessing() {
    scorer.score("K", 0.8);
    Arbiter arbiter = arbiter();
    arbiter.claims().submit(claim().code("K").item("PARA", "1", "10").build());
    ClaimDecision processed = arbiter.claims().process("K");
    assertThat(processed.reviewStatus()).isEqualTo(ReviewStatus.BYPASSED);
    assertThat(processed.selection().mode()).isEqualTo(ReviewSelection.MODE_RISK);
  }

  @Test
  void select_valueTakesClaimedExactlyV() {
    Arbiter arbiter = arbiter();
    arbiter.claims().submit(claim().code("V100").on("2026-06-20").item("PARA", "10", "10").build());
    arbiter.claims().submit(claim().code("V99").on("2026-06-20").item("PARA", "1", "99.99").build());
    SelectionResult r = arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("value"), null,
        new BigDecimal("100"), null, null, null, null, null));
    assertThat(r.selected()).containsExactly("V100");
    assertThat(r.notSelected()).containsExactly("V99");
    assertThat(arbiter.claims().decision("V100").orElseThrow().reviewStatus()).isEqualTo(ReviewStatus.SELECTED);
    assertThat(arbiter.claims().decision("V100").orElseThrow().selection().reason()).contains("≥ 100");
    assertThat(arbiter.claims().decision("V99").orElseThrow().reviewStatus()).isEqualTo(ReviewStatus.NOT_SELECTED);
  }

  @Test
  void select_valueFromTheSchemePolicyWhenTheRequestHasNone() {
    policy().put("value", 50);
    Arbiter arbiter = arbiter();
    arbiter.claims().submit(claim().code("P60").on("2026-06-20").item("PARA", "6", "10").build());
    arbiter.claims().submit(claim().code("P40").on("2026-06-20").item("PARA", "4", "10").build());
    assertThat(arbiter.reviewSelections().select(request(List.of("value"))).selected()).containsExactly("P60");
  }

  @Test
  void select_varianceIsStrictlyAboveTheDiagnosisAverage() {
    Arbiter arbiter = arbiter();
    // Last year's A00 claims approved 100 and 200: the average is 150, and 20 % above it 180.
    arbiter.claims().submit(claim().code("H1").on("2026-03-01").icd("A00").item("PARA", "10", "10").build());
    arbiter.claims().submit(claim().code("H2").on("2026-03-02").icd("A00").item("PARA", "20", "10").build());
    arbiter.claims().submit(claim().code("AT180").on("2026-06-20").icd("A00").item("PARA", "1", "180").build());
    arbiter.claims().submit(claim().code("OVER").on("2026-06-20").icd("A00").item("PARA", "1", "180.01").build());
    arbiter.claims().submit(claim().code("NEW").on("2026-06-20").icd("O80").item("PARA", "1", "999").build());
    SelectionRequest variance = new SelectionRequest(JUNE, List.of("variance"), null, null, 20.0, false, null, null,
        null);
    assertThat(arbiter.reviewSelections().select(variance).selected()).containsExactly("OVER");
    assertThat(arbiter.claims().decision("OVER").orElseThrow().selection().reason()).contains("150.00");
  }

  @Test
  void select_varianceTakesDiagnosesWithoutHistoryWhenTheFlagSaysSo() {
    Arbiter arbiter = arbiter();
    arbiter.claims().submit(claim().code("NEW").on("2026-06-20").icd("O80").item("PARA", "1", "10").build());
    assertThat(arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("variance"), null, null, 20.0, true, null,
        null, null)).selected()).containsExactly("NEW");
  }

  @Test
  void select_budgetKeepsExactlyKRiskiestOfTheDay() {
    policy().put("reviewAt", 95);
    scorer.score("B9", 0.9).score("B5", 0.5).score("B1", 0.1);
    Arbiter arbiter = arbiter();
    for (String code : List.of("B1", "B5", "B9")) {
      arbiter.claims().submit(claim().code(code).on("2026-06-20").item("PARA", "1", "10").build());
    }
    arbiter.claims().submit(claim().code("OTHERDAY").on("2026-06-21").item("PARA", "1", "10").build());
    SelectionResult r = arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("budget"), null, null, null, null,
        2, null, null));
    assertThat(r.selected()).containsExactlyInAnyOrder("B9", "B5", "OTHERDAY");
    assertThat(r.notSelected()).containsExactly("B1");
    assertThat(arbiter.claims().decision("B1").orElseThrow().selection().reason()).contains("budget of 2");
  }

  /**
   * Issue 16 §1: the daily budget spends reviews where the money is. A claim almost sure to hold
   * some cut worth little (score 0.95, 2.00 at stake) gives way to one less likely but worth more.
   */
  @Test
  void select_budgetRanksByValueAtStakeNotScore() {
    policy().put("reviewAt", 1000);
    scorer.stake("LIKELY-SMALL", 0.95, "2.00").stake("UNLIKELY-LARGE", 0.15, "300.00");
    Arbiter arbiter = arbiter();
    for (String code : List.of("LIKELY-SMALL", "UNLIKELY-LARGE")) {
      arbiter.claims().submit(claim().code(code).on("2026-06-20").item("PARA", "1", "10").build());
    }
    SelectionResult r = arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("budget"), null, null, null, null,
        1, null, null));
    assertThat(r.selected()).containsExactly("UNLIKELY-LARGE");
    assertThat(arbiter.claims().decision("LIKELY-SMALL").orElseThrow().selection().reason()).contains("rank 2 by value at stake");
  }

  @Test
  void select_budgetOfKEqualToTheDaysClaimsTakesThemAll() {
    Arbiter arbiter = arbiter();
    for (String code : List.of("E1", "E2", "E3")) {
      arbiter.claims().submit(claim().code(code).on("2026-06-20").item("PARA", "1", "10").build());
    }
    assertThat(arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("budget"), null, null, null, null, 3, null,
        null)).selected()).hasSize(3);
  }

  @Test
  void select_budgetPercentIsTheFloorOfTheDaysShare() {
    Arbiter arbiter = arbiter();
    for (String code : List.of("F1", "F2", "F3")) {
      arbiter.claims().submit(claim().code(code).on("2026-06-20").item("PARA", "1", "10").build());
    }
    assertThat(arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("budget"), null, null, null, null, null,
        66.67, null)).selected()).as("66.67 % of 3 is 2.0001").hasSize(2);
  }

  @Test
  void select_budgetCapsWhatTheModesSelect() {
    Arbiter arbiter = arbiter();
    for (String code : List.of("G1", "G2", "G3")) {
      arbiter.claims().submit(claim().code(code).on("2026-06-20").item("PARA", "1", code.equals("G3") ? "5" : "10").build());
    }
    SelectionResult r = arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("value", "budget"), null,
        new BigDecimal("10"), null, null, 1, null, null));
    assertThat(r.selected()).as("G1 and G2 reach the value; the budget keeps one, the first by code at equal risk")
        .containsExactly("G1");
    assertThat(r.notSelected()).containsExactlyInAnyOrder("G2", "G3");
  }

  @Test
  void select_randomDrawsFloorOfThePercentageAtLeastOne() {
    Arbiter arbiter = arbiter();
    for (int i = 0; i < 10; i++) {
      arbiter.claims().submit(claim().code("RND" + i).on("2026-06-20").item("PARA", "1", "10").build());
    }
    assertThat(arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("random"), 29.9, null, null, null, null,
        null, 1L)).selected()).hasSize(2);
    Arbiter fresh = arbiter();
    for (int i = 0; i < 10; i++) {
      fresh.claims().submit(claim().code("ONE" + i).on("2026-06-20").item("PARA", "1", "10").build());
    }
    assertThat(fresh.reviewSelections().select(new SelectionRequest(JUNE, List.of("random"), 1.0, null, null, null, null,
        null, 1L)).selected()).hasSize(1);
  }

  @Test
  void select_randomPercentOutside1To100IsRefused() {
    Arbiter arbiter = arbiter();
    for (double bad : new double[] {0.5, 100.01}) {
      assertThatThrownBy(() -> arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("random"), bad, null, null,
          null, null, null, null)))
          .isInstanceOfSatisfying(ArbiterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ArbiterException.Kind.INVALID);
            assertThat(e.problems()).extracting(Problem::field).containsExactly("/randomPercent");
          });
    }
  }

  @Test
  void select_withoutModeOrParameterIsRefused() {
    Arbiter arbiter = arbiter();
    assertThatThrownBy(() -> arbiter.reviewSelections().select(request(List.of())))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.kind())
            .isEqualTo(ArbiterException.Kind.MALFORMED));
    assertThatThrownBy(() -> arbiter.reviewSelections().select(request(List.of("value", "lottery"))))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.problems()).extracting(Problem::field)
            .containsExactly("/modes/1", "/value"));
  }

  @Test
  void select_leavesSelectedAndReviewedClaimsAlone() {
    scorer.score("SEL", 0.8);
    Arbiter arbiter = arbiter();
    arbiter.claims().submit(claim().code("SEL").on("2026-06-20").item("PARA", "1", "10").build());
    SelectionResult r = arbiter.reviewSelections().select(new SelectionRequest(JUNE, List.of("value"), null, BigDecimal.ZERO,
        null, null, null, null, null));
    assertThat(r.considered()).isZero();
    assertThat(arbiter.claims().history("SEL")).hasSize(1);
  }
}
