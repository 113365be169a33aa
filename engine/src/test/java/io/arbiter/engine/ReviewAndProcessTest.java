package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.json.Json;
import io.arbiter.review.Review;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Review delivery (docs/adjudication.md §8), processing (§6 at process), and the balance read from the ledger. */
class ReviewAndProcessTest {

  private static Review itemReview(int lineNo, Integer status, String qty, String price) {
    return new Review(List.of(new Review.LineReview(lineNo, status, qty == null ? null : new BigDecimal(qty),
        price == null ? null : new BigDecimal(price), "checked the file")), List.of());
  }

  @Test
  void review_approvedPriceIsHonouredAndPriceAdjustedKeepsTheSchemePrice() {
    Arbiter arbiter = TestScheme.base().arbiter();
    arbiter.claims().submit(claim().code("R1").item("PARA", "2", "10").build());
    ClaimDecision d = arbiter.reviews().review("R1", itemReview(1, null, null, "8"));
    LineDecision line = d.items().get(0);
    assertThat(line.priceAdjusted()).isEqualByComparingTo("10.00");
    assertThat(line.priceApproved()).isEqualByComparingTo("8");
    assertThat(line.priceValuated()).isEqualByComparingTo("16.00");
    assertThat(line.justification()).isEqualTo("checked the file");
    assertThat(d.approved()).isEqualByComparingTo("16.00");
    assertThat(d.reviewStatus()).isEqualTo(ReviewStatus.DELIVERED);
  }

  @Test
  void review_approvedPriceIgnoredWhenTheSwitchIsOff() {
    TestScheme scheme = TestScheme.base();
    scheme.settings().put("honourApprovedPrice", false);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("R2").item("PARA", "2", "10").build());
    assertThat(arbiter.reviews().review("R2", itemReview(1, null, null, "8")).items().get(0).priceValuated())
        .isEqualByComparingTo("20.00");
  }

  @Test
  void review_rejectingEveryLineRejectsTheClaimAndFreesTheLedger() {
    TestScheme scheme = TestScheme.base();
    scheme.item("PARA").put("frequency", 30);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("R3").on("2026-06-01").item("PARA", "1", "10").build());
    ClaimDecision d = arbiter.reviews().review("R3", itemReview(1, 2, null, null));
    assertThat(d.status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.REVIEWER);
    assertThat(d.items().get(0).rule()).isEqualTo("-1 reviewer");
    assertThat(arbiter.claims().submit(claim().on("2026-06-02").item("PARA", "1", "10").build()).decision()
        .items().get(0).rejectionReason()).as("no longer a provision").isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void review_reducedQuantityFreesProvisions() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("PARA").put("limitNoAdult", 3);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("R4").on("2026-03-01").item("PARA", "3", "10").build());
    arbiter.reviews().review("R4", itemReview(1, null, "1", null));
    assertThat(arbiter.claims().submit(claim().item("PARA", "2", "10").build()).decision().items().get(0).qtyApproved())
        .isEqualByComparingTo("2");
  }

  @Test
  void review_unknownLineOrRuleRejectedLineIsRefused() {
    TestScheme scheme = TestScheme.base();
    scheme.product().withArray("items").remove(1);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("R5").item("PARA", "1", "10").item("AMOX", "1", "25").build());
    assertThatThrownBy(() -> arbiter.reviews().review("R5", itemReview(9, null, "1", null)))
        .isInstanceOfSatisfying(ArbiterException.class, e -> {
          assertThat(e.kind()).isEqualTo(ArbiterException.Kind.INVALID);
          assertThat(e.problems()).extracting(Problem::field).containsExactly("/items/0/lineNo");
        });
    assertThatThrownBy(() -> arbiter.reviews().review("R5", itemReview(2, 1, "1", null)))
        .isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.problems().get(0).detail()).contains("3 no product"));
  }

  @Test
  void review_unknownClaimIsNotFound() {
    assertThatThrownBy(() -> TestScheme.base().arbiter().reviews().review("NOPE", itemReview(1, 2, null, null)))
        .isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.kind()).isEqualTo(ArbiterException.Kind.NOT_FOUND));
  }

  @Test
  void process_valuatesTheClaim() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("CONS").put("limitAdult", 80);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("P1").service("CONS", "1", "100").item("PARA", "1", "10").build());
    ClaimDecision d = arbiter.claims().process("P1");
    assertThat(d.status()).isEqualTo(ClaimStatus.VALUATED);
    assertThat(d.valuated()).isEqualByComparingTo("90.00");
    assertThat(d.approved()).isEqualByComparingTo("110.00");
    assertThatThrownBy(() -> arbiter.claims().process("P1"))
        .isInstanceOfSatisfying(ArbiterException.class,
            e -> assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT));
  }

  @Test
  void process_relativePriceWaitsWithStatus8() {
    TestScheme scheme = TestScheme.base();
    scheme.productLine("CONS").put("priceOrigin", "R");
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("P2").service("CONS", "1", "100").build());
    assertThat(arbiter.claims().process("P2").status()).isEqualTo(ClaimStatus.PROCESSED);
  }

  @Test
  void process_rejectedClaimCannotBeProcessed() {
    Arbiter arbiter = TestScheme.base().arbiter();
    arbiter.claims().submit(claim().code("P3").claimed("2026-01-01").item("PARA", "1", "10").build());
    assertThatThrownBy(() -> arbiter.claims().process("P3")).isInstanceOf(ArbiterException.class);
  }

  /**
   * Regression for issue 15 §2: a count reads the same however its quantities were written (1.0,
   * 2.000): whole counts are written as integers, a fractional one as its plain decimal.
   */
  @Test
  void balance_countsFromDecimalQuantities_writtenWithoutTrailingZeros() throws Exception {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxNoConsultation", 4);
    scheme.productLine("PARA").put("limitNoAdult", 10);
    scheme.productLine("AMOX").put("limitNoAdult", 10);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().service("CONS", "1.0", "100").item("PARA", "2.000", "10").item("AMOX", "1.50", "25").build());

    Balance.PolicyBalance b = arbiter.balances().of("111", LocalDate.parse("2026-06-15")).policies().get(0);

    assertThat(Json.mapper().writeValueAsString(b.provisions())).isEqualTo(
        "[{\"name\":\"item PARA\",\"limit\":10,\"used\":2,\"left\":8},"
            + "{\"name\":\"item AMOX\",\"limit\":10,\"used\":1.5,\"left\":8.5}]");
    assertThat(Json.mapper().writeValueAsString(b.categories()))
        .isEqualTo("[{\"name\":\"maxNoConsultation\",\"limit\":4,\"used\":1,\"left\":3}]");
  }

  @Test
  void balance_readsWhatIsLeftFromTheLedger() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("dedInsuree", 50).put("maxInsuree", 1000).put("maxNoConsultation", 4);
    scheme.productLine("PARA").put("limitNoAdult", 10);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().service("CONS", "1", "100").item("PARA", "3", "10").build());
    Balance.PolicyBalance b = arbiter.balances().of("111", LocalDate.parse("2026-06-15")).policies().get(0);
    assertThat(b.deductibles()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("dedInsuree");
      assertThat(a.left()).isEqualByComparingTo("0.00");
    });
    assertThat(b.ceilings()).singleElement().satisfies(a -> assertThat(a.left()).isEqualByComparingTo("920.00"));
    assertThat(b.provisions()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("item PARA");
      assertThat(c.left()).isEqualByComparingTo("7");
    });
    assertThat(b.categories()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("maxNoConsultation");
      assertThat(c.used()).isEqualByComparingTo("1");
    });
  }

  @Test
  void balance_showsProvisionalAmountsApartUntilProcessed() {
    TestScheme scheme = TestScheme.base();
    scheme.product().put("maxInsuree", 1000);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("B1").on("2026-03-01").service("CONS", "1", "100").build());
    arbiter.claims().submit(claim().code("B2").on("2026-04-01").service("CONS", "1", "100").build());
    arbiter.claims().process("B1");
    assertThat(arbiter.balances().of("111", LocalDate.parse("2026-06-15")).policies().get(0).ceilings())
        .singleElement().satisfies(a -> {
          assertThat(a.used()).isEqualByComparingTo("200.00");
          assertThat(a.provisional()).as("B2 is only checked").isEqualByComparingTo("100.00");
          assertThat(a.left()).isEqualByComparingTo("800.00");
        });
  }

  @Test
  void review_rejectingARuleRejectedLineKeepsTheRulesCode() {
    TestScheme scheme = TestScheme.base();
    scheme.product().withArray("items").remove(1);
    Arbiter arbiter = scheme.arbiter();
    arbiter.claims().submit(claim().code("R6").item("PARA", "1", "10").item("AMOX", "1", "25").build());
    ClaimDecision d = arbiter.reviews().review("R6", itemReview(2, 2, null, null));
    assertThat(d.items().get(1).rejectionReason()).isEqualTo(RejectionCode.NOT_COVERED);
    assertThat(d.items().get(0).rejectionReason()).isEqualTo(RejectionCode.ACCEPTED);
  }

  @Test
  void review_productDroppedFromTheSchemeSinceSubmission_isAConflictAndChangesNothing() {
    TestScheme scheme = TestScheme.base();
    Arbiter arbiter = scheme.arbiter();
    ClaimDecision submitted = arbiter.claims().submit(claim().code("R9").item("PARA", "2", "10").build()).decision();
    // The same scheme with its product renamed: the stored claim's product no longer exists.
    scheme.product().put("code", "PRD2");
    scheme.find("policies", "id", "POL1").put("productCode", "PRD2");
    arbiter.scheme().replace(scheme.document());
    Object balance = arbiter.balances().of("111", LocalDate.parse("2026-06-01"));

    assertThatThrownBy(() -> arbiter.reviews().review("R9", itemReview(1, 1, "1", null)))
        .isInstanceOfSatisfying(ArbiterException.class, e -> {
          assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT);
          assertThat(e.getMessage()).contains("product PRD");
        });
    assertThat(arbiter.claims().decision("R9").orElseThrow()).isEqualTo(submitted);
    assertThat(arbiter.balances().of("111", LocalDate.parse("2026-06-01"))).as("the ledger keeps its booking")
        .isEqualTo(balance);
    assertThatThrownBy(() -> arbiter.claims().process("R9")).isInstanceOf(ArbiterException.class)
        .hasMessageContaining("product PRD");
  }
}
