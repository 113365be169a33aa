package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineRisk;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.review.Review;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the Arbiter records a scorer's verdict, and what it does when the scorer fails. */
class RiskScoringHookTest {

  /** Gives each passed line probability 0.1 × its line number, and the claim score 0.5. */
  private static final RiskScorer BY_LINE_NUMBER = new RiskScorer() {
    @Override
    public ScoredClaim score(ClaimContext context) {
      return new ScoredClaim(new ClaimRisk(ClaimRisk.BAND_REVIEW, 0.5, new java.math.BigDecimal("50.00"), "m1", null, null),
          risks(context.decision().items()), risks(context.decision().services()));
    }

    private List<LineRisk> risks(List<io.arbiter.claim.LineDecision> lines) {
      List<LineRisk> risks = new ArrayList<>();
      lines.forEach(l -> risks.add(l.status() == LineStatus.PASSED ? new LineRisk(0.1 * l.lineNo(), List.of("reason"), null) : null));
      return risks;
    }

    @Override
    public String modelVersion() {
      return "m1";
    }
  };

  private static Arbiter arbiter(RiskScorer scorer) {
    return Arbiter.builder().rules(TestScheme.rules()).scheme(TestScheme.base().document()).scorer(scorer).build();
  }

  @Test
  void submit_recordsTheClaimAndLineRisksAndTheModelVersion() {
    TestScheme childOnlyAmox = TestScheme.base();
    childOnlyAmox.item("AMOX").put("patientCategory", 8 | 1 | 2);
    ClaimDecision d = Arbiter.builder().rules(TestScheme.rules()).scheme(childOnlyAmox.document())
        .scorer(BY_LINE_NUMBER).build().claims().submit(claim().code("R1").item("PARA", "1", "10")
        .item("AMOX", "1", "25").service("CONS", "1", "100").build()).decision();
    assertThat(d.items().get(1).rejectionReason()).as("adult patient, child-only item").isEqualTo(RejectionCode.PATIENT_MASK);
    assertThat(d.modelVersion()).isEqualTo("m1");
    assertThat(d.risk().band()).isEqualTo(ClaimRisk.BAND_REVIEW);
    assertThat(d.items().get(0).risk().probability()).isEqualTo(0.1);
    assertThat(d.items().get(1).risk()).as("rejected by the rules: unscored").isNull();
    assertThat(d.services().get(0).risk().probability()).isEqualTo(0.1);
  }

  @Test
  void submit_failingScorerKeepsTheRulesDecisionMarkedUnscored() {
    RiskScorer failing = new RiskScorer() {
      @Override
      public ScoredClaim score(ClaimContext context) {
        throw new IllegalStateException("model file unreadable");
      }

      @Override
      public String modelVersion() {
        return "broken";
      }
    };
    ClaimDecision d = arbiter(failing).claims().submit(claim().code("R2").item("PARA", "1", "10").build()).decision();
    assertThat(d.status()).isEqualTo(ClaimStatus.CHECKED);
    assertThat(d.risk()).isEqualTo(ClaimRisk.unscored("broken", "model file unreadable"));
    assertThat(d.modelVersion()).isEqualTo("broken");
    assertThat(d.items().get(0).risk()).isNull();
  }

  @Test
  void reviewAndProcess_keepTheRiskGivenAtSubmission() {
    Arbiter arbiter = arbiter(BY_LINE_NUMBER);
    arbiter.claims().submit(claim().code("R3").item("PARA", "1", "10").item("AMOX", "1", "25").build());
    ClaimDecision reviewed = arbiter.reviews().review("R3", new Review(
        List.of(new Review.LineReview(2, 2, null, null, "not given")), List.of()));
    assertThat(reviewed.risk().score()).isEqualTo(0.5);
    assertThat(reviewed.items().get(0).risk().probability()).isEqualTo(0.1);
    assertThat(reviewed.items().get(1).risk().probability()).isEqualTo(0.2);
    ClaimDecision processed = arbiter.claims().process("R3");
    assertThat(processed.risk()).isEqualTo(reviewed.risk());
    assertThat(processed.modelVersion()).isEqualTo("m1");
  }

  @Test
  void submit_withoutScorerHasNoRisk() {
    ClaimDecision d = Arbiter.builder().rules(TestScheme.rules()).scheme(TestScheme.base().document()).build()
        .claims().submit(claim().code("R4").item("PARA", "1", "10").build()).decision();
    assertThat(d.risk()).isNull();
    assertThat(d.modelVersion()).isNull();
  }
}
