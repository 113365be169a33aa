package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.arbiter.claim.ClaimStatus;
import io.arbiter.ledger.DecisionWithLedger;
import io.arbiter.ledger.LedgerEntry;
import io.arbiter.review.Review;
import io.arbiter.store.Store;
import java.util.List;

/**
 * Issue 15 §6: a claim read back shows its own ledger entry, so a client need not infer it from
 * differences of the insuree's balance. Run on every kind of store by the store tests.
 */
public final class LedgerEntryScenario {
  private LedgerEntryScenario() {}

  /**
   * An out-patient claim of an adult: CONS 100 (deductible 50 of it, 50 paid within the insuree
   * ceiling of 100) and LAB 150 (excluded from the ceiling, paid in full); provisional once checked,
   * final once processed; and a claim whose every line a reviewer rejects leaves the ledger.
   */
  public static void run(Store store) {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedInsuree", 50).put("maxInsuree", 100);
    scheme.productLine("LAB").put("ceilingExclusionAdult", "B");
    Arbiter arbiter = scheme.arbiter(store);
    arbiter.claims().submit(claim().code("LE1").on("2026-03-01").service("CONS", "1", "100").service("LAB", "1", "150")
        .build());

    DecisionWithLedger checked = arbiter.claims().decisionWithLedger("LE1").orElseThrow();
    assertThat(checked.decision()).isEqualTo(arbiter.claims().decision("LE1").orElseThrow());
    LedgerEntry entry = checked.ledger();
    assertThat(entry.state()).isEqualTo(LedgerEntry.PROVISIONAL);
    assertThat(entry.category()).isEqualTo(checked.decision().category()).isEqualTo("C");
    assertThat(entry.policies()).singleElement().satisfies(p -> {
      assertThat(p.policyId()).isEqualTo("POL1");
      assertThat(p.hospitalVisit()).isFalse();
      assertThat(p.deducted()).isEqualByComparingTo("50");
      assertThat(p.deductedOP()).isEqualByComparingTo("50");
      assertThat(p.deductedIP()).isEqualByComparingTo("0");
      assertThat(p.remunerated()).isEqualByComparingTo("50");
      assertThat(p.remuneratedOP()).isEqualByComparingTo("50");
      assertThat(p.remuneratedIP()).isEqualByComparingTo("0");
      assertThat(p.ceilingExcluded()).isEqualByComparingTo("150");
      assertThat(p.remuneratedInCategory()).isEqualByComparingTo("200");
    });
    assertThat(entry.provisions()).extracting(l -> l.kind() + " " + l.code() + " " + l.quantity().stripTrailingZeros())
        .containsExactlyInAnyOrder("service CONS 1", "service LAB 1");

    arbiter.claims().process("LE1");
    assertThat(arbiter.claims().decisionWithLedger("LE1").orElseThrow().ledger().state()).isEqualTo(LedgerEntry.FINAL);

    arbiter.claims().submit(claim().code("LE2").on("2026-04-01").service("CONS", "1", "100").build());
    arbiter.reviews().review("LE2", new Review(List.of(), List.of(new Review.LineReview(1, 2, null, null, "not seen"))));
    DecisionWithLedger rejected = arbiter.claims().decisionWithLedger("LE2").orElseThrow();
    assertThat(rejected.decision().status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(rejected.ledger()).as("a rejected claim books nothing").isNull();
    assertThat(arbiter.claims().decisionWithLedger("NONE")).isEmpty();
  }
}
