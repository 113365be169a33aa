package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.review.BatchRequest;
import io.arbiter.review.Review;
import io.arbiter.review.SamplingBatch;
import io.arbiter.review.SamplingReport;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sampling batches (docs/adjudication.md §8): the draw, openIMIS's errors, the extrapolation, and the stratified report. */
class SamplingBatchTest {
  private final TestScheme scheme = TestScheme.base();
  private final TestScorer scorer = new TestScorer();

  private Arbiter arbiter() {
    return Arbiter.builder().rules(TestScheme.rules()).scheme(scheme.document()).scorer(scorer).build();
  }

  /** n claims of PARA × qty at the list price 10, coded prefix0.. */
  private static void submit(Arbiter arbiter, String prefix, int n, String qty) {
    for (int i = 0; i < n; i++) {
      arbiter.claims().submit(claim().code(prefix + i).item("PARA", qty, "10").build());
    }
  }

  private static BatchRequest plain(double percentage) {
    return new BatchRequest(null, percentage, null, 42L);
  }

  private static Review price(String price) {
    return new Review(List.of(new Review.LineReview(1, null, null, new BigDecimal(price), "audit")), List.of());
  }

  private static List<String> codes(SamplingBatch batch, boolean sampled) {
    return batch.claims().stream().filter(m -> m.sampled() == sampled).map(SamplingBatch.Member::code).toList();
  }

  @Test
  void create_drawsTheFloorOfThePercentageAndMarksTheRestSkipped() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 10, "1");
    SamplingBatch batch = arbiter.sampling().create(plain(29));
    assertThat(codes(batch, true)).hasSize(2);
    assertThat(batch.strata()).singleElement().satisfies(s -> {
      assertThat(s.population()).isEqualTo(10);
      assertThat(s.sampled()).isEqualTo(2);
    });
    assertThat(batch.claims()).allSatisfy(m -> assertThat(m.inclusionProbability()).isEqualTo(0.2));
    codes(batch, true).forEach(code -> assertThat(arbiter.claims().decision(code).orElseThrow().reviewStatus())
        .isEqualTo(ReviewStatus.SELECTED));
    codes(batch, false).forEach(code -> assertThat(arbiter.claims().decision(code).orElseThrow().selection().batch())
        .isEqualTo(batch.id()));
    assertThat(arbiter.claims().decision(codes(batch, false).get(0)).orElseThrow().reviewStatus())
        .isEqualTo(ReviewStatus.NOT_SELECTED);
  }

  @Test
  void create_takesAtLeastOneClaim() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 10, "1");
    assertThat(codes(arbiter.sampling().create(plain(1)), true)).hasSize(1);
  }

  @Test
  void create_sameSeedDrawsTheSameClaims() {
    Arbiter first = arbiter();
    Arbiter second = arbiter();
    submit(first, "C", 20, "1");
    submit(second, "C", 20, "1");
    assertThat(codes(first.sampling().create(plain(30)), true))
        .isEqualTo(codes(second.sampling().create(plain(30)), true));
  }

  @Test
  void create_percentageOutside1To100IsRefused() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 3, "1");
    for (double bad : new double[] {0.99, 100.5}) {
      assertThatThrownBy(() -> arbiter.sampling().create(plain(bad)))
          .isInstanceOfSatisfying(ArbiterException.class, e -> {
            assertThat(e.kind()).isEqualTo(ArbiterException.Kind.INVALID);
            assertThat(e.problems()).extracting(Problem::field).containsExactly("/percentage");
          });
    }
    assertThat(arbiter.claims().decision("C0").orElseThrow().reviewStatus()).isEqualTo(ReviewStatus.NOT_SELECTED);
  }

  @Test
  void create_claimsAlreadyInABatchConflict() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 4, "1");
    arbiter.sampling().create(plain(50));
    assertThatThrownBy(() -> arbiter.sampling().create(plain(50)))
        .isInstanceOfSatisfying(ArbiterException.class, e -> {
          assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT);
          assertThat(e.problems()).extracting(Problem::field).containsExactly("/filter");
        });
  }

  @Test
  void create_emptySetIsRefused() {
    assertThatThrownBy(() -> arbiter().sampling().create(plain(10)))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.problems()).extracting(Problem::field)
            .containsExactly("/filter"));
  }

  @Test
  void extrapolate_appliesTheRatioToSkippedLinesAndProcessesThem() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 6, "10");
    SamplingBatch batch = arbiter.sampling().create(plain(50));
    List<String> sampled = codes(batch, true);
    // Adjusted 100 each; reviewed to 80, 100 and 70: ratio 250 / 300.
    arbiter.reviews().review(sampled.get(0), price("8"));
    arbiter.reviews().review(sampled.get(1), price("10"));
    arbiter.reviews().review(sampled.get(2), price("7"));
    SamplingBatch done = arbiter.sampling().extrapolate(batch.id());
    assertThat(done.extrapolation().ratio()).isEqualByComparingTo(new BigDecimal("250")
        .divide(new BigDecimal("300"), java.math.MathContext.DECIMAL64));
    assertThat(done.extrapolation().extrapolated()).containsExactlyElementsOf(codes(batch, false));
    for (String code : codes(batch, false)) {
      ClaimDecision d = arbiter.claims().decision(code).orElseThrow();
      assertThat(d.items().get(0).priceApproved()).as("10 × 0.8333… rounded half-even").isEqualByComparingTo("8.33");
      assertThat(d.approved()).isEqualByComparingTo("83.30");
      assertThat(d.reviewStatus()).isEqualTo(ReviewStatus.BYPASSED);
      assertThat(d.status()).isEqualTo(ClaimStatus.VALUATED);
      assertThat(arbiter.claims().history(code)).extracting(e -> e.event()).endsWith("extrapolated");
    }
    assertThat(arbiter.sampling().get(batch.id()).orElseThrow().extrapolation()).isEqualTo(done.extrapolation());
  }

  /**
   * Issue 15 §7b (docs/adjudication.md §8, as openIMIS): extrapolation processes every claim of the batch that is
   * still checked, the reviewed sample claims too, at their reviewed prices and with their review
   * status (delivered) kept; a sample claim the reviewer rejected whole, or one processed since its
   * review, is left as it is. No claim of the batch stays checked.
   */
  @Test
  void extrapolate_reviewedSampleClaimsStillCheckedAreProcessedInTheSameStep() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 8, "10");
    SamplingBatch batch = arbiter.sampling().create(plain(50));
    List<String> sampled = codes(batch, true);
    arbiter.reviews().review(sampled.get(0), price("8"));
    arbiter.reviews().review(sampled.get(1), price("10"));
    arbiter.reviews().review(sampled.get(2), new Review(List.of(new Review.LineReview(1, 2, null, null, "never given")),
        List.of()));
    arbiter.reviews().review(sampled.get(3), price("9"));
    arbiter.claims().process(sampled.get(3));

    SamplingBatch done = arbiter.sampling().extrapolate(batch.id());

    assertThat(done.extrapolation().reviewedProcessed()).containsExactly(sampled.get(0), sampled.get(1));
    ClaimDecision reviewed = arbiter.claims().decision(sampled.get(0)).orElseThrow();
    assertThat(reviewed.status()).isEqualTo(ClaimStatus.VALUATED);
    assertThat(reviewed.reviewStatus()).isEqualTo(ReviewStatus.DELIVERED);
    assertThat(reviewed.valuated()).as("10 at the reviewed 8").isEqualByComparingTo("80.00");
    assertThat(arbiter.claims().history(sampled.get(0))).extracting(e -> e.event()).endsWith("processed");
    assertThat(arbiter.claims().decision(sampled.get(2)).orElseThrow().status()).isEqualTo(ClaimStatus.REJECTED);
    assertThat(arbiter.claims().history(sampled.get(3))).extracting(e -> e.event()).filteredOn("processed"::equals)
        .as("processed once, before").hasSize(1);
    assertThat(batch.claims()).allSatisfy(m -> assertThat(arbiter.claims().decision(m.code()).orElseThrow().status())
        .isNotEqualTo(ClaimStatus.CHECKED));
    assertThat(arbiter.sampling().get(batch.id()).orElseThrow().extrapolation()).isEqualTo(done.extrapolation());
  }

  /** Issue 15 §7b: a batch stored before reviewedProcessed existed reads back with it empty. */
  @Test
  void extrapolation_storedWithoutReviewedProcessedReadsItEmpty() throws Exception {
    SamplingBatch.Extrapolation old = io.arbiter.json.Json.mapper().readValue(
        "{\"at\": \"2026-06-01T00:00:00Z\", \"ratio\": 0.8, \"extrapolated\": [\"C1\"], \"untouched\": []}",
        SamplingBatch.Extrapolation.class);
    assertThat(old.reviewedProcessed()).isEmpty();
    assertThat(old.extrapolated()).containsExactly("C1");
  }

  @Test
  void extrapolate_aReviewerRejectedClaimCountsAsApprovedNothing() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 4, "10");
    SamplingBatch batch = arbiter.sampling().create(plain(50));
    List<String> sampled = codes(batch, true);
    arbiter.reviews().review(sampled.get(0), new Review(List.of(new Review.LineReview(1, 2, null, null, "never given")),
        List.of()));
    arbiter.reviews().review(sampled.get(1), price("10"));
    assertThat(arbiter.sampling().extrapolate(batch.id()).extrapolation().ratio()).isEqualByComparingTo("0.5");
  }

  @Test
  void extrapolate_beforeEveryReviewIsDeliveredOrTwiceConflicts() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 4, "10");
    SamplingBatch batch = arbiter.sampling().create(plain(50));
    List<String> sampled = codes(batch, true);
    arbiter.reviews().review(sampled.get(0), price("10"));
    assertThatThrownBy(() -> arbiter.sampling().extrapolate(batch.id()))
        .isInstanceOfSatisfying(ArbiterException.class, e -> {
          assertThat(e.kind()).isEqualTo(ArbiterException.Kind.CONFLICT);
          assertThat(e.getMessage()).contains(sampled.get(1));
        });
    arbiter.reviews().review(sampled.get(1), price("10"));
    arbiter.sampling().extrapolate(batch.id());
    assertThatThrownBy(() -> arbiter.sampling().extrapolate(batch.id()))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.kind())
            .isEqualTo(ArbiterException.Kind.CONFLICT));
    assertThatThrownBy(() -> arbiter.sampling().extrapolate("nope"))
        .isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.kind())
            .isEqualTo(ArbiterException.Kind.NOT_FOUND));
  }

  @Test
  void create_stratifiedDrawsEachBandAtItsRateAtLeastTwo() {
    scorer.score("H0", 0.9).score("H1", 0.9).score("H2", 0.9);
    Arbiter arbiter = arbiter();
    submit(arbiter, "H", 3, "10");
    submit(arbiter, "L", 30, "10");
    SamplingBatch batch = arbiter.sampling().create(new BatchRequest(null, null,
        Map.of("review", 100.0, "pass", 2.0), 3L));
    assertThat(batch.strata()).extracting(SamplingBatch.Stratum::name, SamplingBatch.Stratum::population,
        SamplingBatch.Stratum::sampled).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("review", 3, 3),
            org.assertj.core.groups.Tuple.tuple("pass", 30, 2));
    assertThat(batch.claims()).filteredOn(m -> m.stratum().equals("pass"))
        .allSatisfy(m -> assertThat(m.inclusionProbability()).isEqualTo(2.0 / 30));
  }

  @Test
  void create_stratifiedNeedsARateForEveryBandPresent() {
    scorer.score("H0", 0.9);
    Arbiter arbiter = arbiter();
    submit(arbiter, "H", 1, "10");
    submit(arbiter, "L", 3, "10");
    assertThatThrownBy(() -> arbiter.sampling().create(new BatchRequest(null, null, Map.of("pass", 2.0, "top", 5.0),
        3L))).isInstanceOfSatisfying(ArbiterException.class, e -> assertThat(e.problems())
            .extracting(Problem::field).containsExactlyInAnyOrder("/rates/top", "/rates"));
  }

  @Test
  void report_estimatesTotalsAndWeightsPrecisionAndRecallByInclusionProbability() {
    scheme.settings().putObject("reviewSelection").put("reviewAt", 50);
    for (int i = 0; i < 4; i++) {
      scorer.score("H" + i, 0.6);
    }
    Arbiter arbiter = arbiter();
    submit(arbiter, "H", 4, "10");
    submit(arbiter, "L", 10, "10");
    SamplingBatch batch = arbiter.sampling().create(new BatchRequest(null, null,
        Map.of("review", 100.0, "pass", 20.0), 11L));
    List<String> low = batch.claims().stream().filter(m -> m.sampled() && m.stratum().equals("pass"))
        .map(SamplingBatch.Member::code).toList();
    assertThat(low).hasSize(2);
    // Review cuts H0 and one low claim from 100 to 50, and leaves the others.
    arbiter.reviews().review("H0", price("5"));
    for (String code : List.of("H1", "H2", "H3", low.get(1))) {
      arbiter.reviews().review(code, price("10"));
    }
    arbiter.reviews().review(low.get(0), price("5"));
    SamplingReport report = arbiter.sampling().report(batch.id());
    assertThat(report.complete()).isTrue();
    assertThat(report.delivered()).isEqualTo(6);
    // review band: 50 + 3 × 100, all sampled; pass band: 10 × mean(50, 100).
    assertThat(report.batchTotal().total()).isEqualTo(1100.0);
    assertThat(report.batchTotal().standardError()).isCloseTo(Math.sqrt(100 * 0.8 * 1250 / 2), within(1e-9));
    assertThat(report.unreviewedTotal().total()).isEqualTo(1100.0 - 350 - 150);
    assertThat(report.unreviewedTotal().standardError()).isEqualTo(report.batchTotal().standardError());
    assertThat(report.leakage().total()).as("10 × mean(50, 0) + 50, less the 100 already found").isEqualTo(200.0);
    assertThat(report.model().precision()).isEqualTo(0.25);
    assertThat(report.model().recall()).as("1 flagged positive of 1 + 5 weighted positives").isCloseTo(1.0 / 6,
        within(1e-12));
    assertThat(report.model().flaggedOnlyPrecision()).isEqualTo(0.25);
  }

  @Test
  void report_beforeAStratumHasAReviewHasNoEstimate() {
    Arbiter arbiter = arbiter();
    submit(arbiter, "C", 4, "10");
    SamplingBatch batch = arbiter.sampling().create(plain(50));
    SamplingReport report = arbiter.sampling().report(batch.id());
    assertThat(report.complete()).isFalse();
    assertThat(report.batchTotal()).isNull();
  }

  private static org.assertj.core.data.Offset<Double> within(double e) {
    return org.assertj.core.data.Offset.offset(e);
  }
}
