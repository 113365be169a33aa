package io.arbiter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.review.BatchSummary;
import io.arbiter.review.SamplingBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every store's review queue must do (memory, H2, PostgreSQL by the subclasses): list the
 * checked claims awaiting review, riskiest first, filtered and paged. Claims are written straight
 * through a transaction (and batches through saveBatch), so each test states the exact status, review status, risk, facility and
 * date it needs.
 */
public abstract class ReviewQueueContractTest {

  /** A fresh, empty store. */
  protected abstract Store open();

  private static ReviewQueueStore queue(Store store) {
    return store.reviewQueueStore().orElseThrow();
  }

  private static SamplingStore batches(Store store) {
    return store.samplingStore().orElseThrow();
  }

  @Test
  void reviewQueue_ordersByScoreDescendingUnscoredLastThenByCode() {
    try (Store store = open()) {
      put(store, queued("Q-B", 0.40));
      put(store, queued("Q-A", 0.90));
      put(store, queued("Q-D", null));
      put(store, queued("Q-C", 0.40));
      put(store, queued("Q-0", 0.05));
      assertThat(codes(queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 100)))
          .containsExactly("Q-A", "Q-B", "Q-C", "Q-0", "Q-D");
    }
  }

  /**
   * Issue 16 §1: a reviewer following the queue must meet the money first, so a claim likely to
   * hold some small adjusted line (high score, little value at stake) comes after a claim with less
   * likely but larger cuts; claims scored before value at stake existed follow, by score.
   */
  @Test
  void reviewQueue_ordersByValueAtStakeBeforeScore() {
    try (Store store = open()) {
      put(store, stored("LIKELY-SMALL", ClaimStatus.CHECKED, ReviewStatus.SELECTED, risk(0.95, "3.00"), "HF1", "2026-06-01"));
      put(store, stored("UNLIKELY-LARGE", ClaimStatus.CHECKED, ReviewStatus.SELECTED, risk(0.20, "800.00"), "HF1", "2026-06-01"));
      put(store, stored("MIDDLE", ClaimStatus.CHECKED, ReviewStatus.SELECTED, risk(0.50, "40.00"), "HF1", "2026-06-01"));
      put(store, stored("OLD-MODEL", ClaimStatus.CHECKED, ReviewStatus.SELECTED, new ClaimRisk(ClaimRisk.BAND_REVIEW, 0.99, null, "m0", null, null), "HF1",
          "2026-06-01"));
      assertThat(codes(queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 100)))
          .containsExactly("UNLIKELY-LARGE", "MIDDLE", "LIKELY-SMALL", "OLD-MODEL");
    }
  }

  @Test
  void reviewQueue_holdsSelectedClaimsAndIdleClaimsInTheReviewOrRejectBandOnly() {
    try (Store store = open()) {
      put(store, stored("SEL-PASS", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_PASS, 0.1), "HF1", "2026-06-01"));
      put(store, stored("SEL-NORISK", ClaimStatus.CHECKED, ReviewStatus.SELECTED, null, "HF1", "2026-06-01"));
      put(store, stored("IDLE-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.6), "HF1", "2026-06-01"));
      put(store, stored("IDLE-REJECT", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REJECT, 0.95), "HF1", "2026-06-01"));
      put(store, stored("IDLE-PASS", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_PASS, 0.2), "HF1", "2026-06-01"));
      put(store, stored("IDLE-UNSCORED", ClaimStatus.CHECKED, ReviewStatus.IDLE, ClaimRisk.unscored("m1", "failed"), "HF1", "2026-06-01"));
      put(store, stored("NOT-SELECTED", ClaimStatus.CHECKED, ReviewStatus.NOT_SELECTED, band(ClaimRisk.BAND_REVIEW, 0.7), "HF1", "2026-06-01"));
      put(store, stored("DELIVERED", ClaimStatus.CHECKED, ReviewStatus.DELIVERED, band(ClaimRisk.BAND_REVIEW, 0.7), "HF1", "2026-06-01"));
      put(store, stored("BYPASSED", ClaimStatus.VALUATED, ReviewStatus.BYPASSED, band(ClaimRisk.BAND_REVIEW, 0.7), "HF1", "2026-06-01"));
      put(store, stored("REJECTED", ClaimStatus.REJECTED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.7), "HF1", "2026-06-01"));
      put(store, stored("VALUATED", ClaimStatus.VALUATED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.7), "HF1", "2026-06-01"));
      ReviewQueuePage page = queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 100);
      assertThat(codes(page)).containsExactly("IDLE-REJECT", "IDLE-REVIEW", "SEL-PASS", "SEL-NORISK");
      assertThat(page.total()).isEqualTo(4);
    }
  }

  @Test
  void reviewQueue_dateFilterIncludesBothBoundaryDays() {
    try (Store store = open()) {
      put(store, stored("D-0531", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.5), "HF1", "2026-05-31"));
      put(store, stored("D-0601", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.5), "HF1", "2026-06-01"));
      put(store, stored("D-0615", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.5), "HF1", "2026-06-15"));
      put(store, stored("D-0630", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.5), "HF1", "2026-06-30"));
      put(store, stored("D-0701", ClaimStatus.CHECKED, ReviewStatus.SELECTED, band(ClaimRisk.BAND_REVIEW, 0.5), "HF1", "2026-07-01"));
      ReviewQueueFilter june = new ReviewQueueFilter(null, LocalDate.parse("2026-06-01"),
          LocalDate.parse("2026-06-30"), null);
      assertThat(codes(queue(store).reviewQueue(june, 0, 100))).containsExactly("D-0601", "D-0615", "D-0630");
      ReviewQueueFilter oneDay = new ReviewQueueFilter(null, LocalDate.parse("2026-06-15"),
          LocalDate.parse("2026-06-15"), null);
      assertThat(codes(queue(store).reviewQueue(oneDay, 0, 100))).containsExactly("D-0615");
      ReviewQueueFilter fromOnly = new ReviewQueueFilter(null, LocalDate.parse("2026-06-30"), null, null);
      assertThat(codes(queue(store).reviewQueue(fromOnly, 0, 100))).containsExactly("D-0630", "D-0701");
    }
  }

  @Test
  void reviewQueue_facilityAndBandFiltersMatchExactly() {
    try (Store store = open()) {
      put(store, stored("F1-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.6), "HF1", "2026-06-01"));
      put(store, stored("F2-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.7), "HF2", "2026-06-01"));
      put(store, stored("F2-REJECT", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REJECT, 0.9), "HF2", "2026-06-01"));
      put(store, stored("F2-UNSCORED", ClaimStatus.CHECKED, ReviewStatus.SELECTED, null, "HF2", "2026-06-01"));
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter("HF2", null, null, null), 0, 100)))
          .containsExactly("F2-REJECT", "F2-REVIEW", "F2-UNSCORED");
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter("HF", null, null, null), 0, 100)))
          .as("no prefix match").isEmpty();
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter(null, null, null, ClaimRisk.BAND_REVIEW), 0, 100)))
          .containsExactly("F2-REVIEW", "F1-REVIEW");
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter("HF2", null, null, ClaimRisk.BAND_UNSCORED), 0, 100)))
          .as("a claim without risk is in the unscored band").containsExactly("F2-UNSCORED");
    }
  }

  @Test
  void reviewQueue_pagesPartitionTheQueueAndCountAllOfIt() {
    try (Store store = open()) {
      for (int i = 0; i < 7; i++) {
        put(store, queued("P" + i, 0.1 * i));
      }
      ReviewQueuePage first = queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 3);
      ReviewQueuePage second = queue(store).reviewQueue(ReviewQueueFilter.ALL, 3, 3);
      ReviewQueuePage last = queue(store).reviewQueue(ReviewQueueFilter.ALL, 6, 3);
      ReviewQueuePage past = queue(store).reviewQueue(ReviewQueueFilter.ALL, 9, 3);
      assertThat(codes(first)).containsExactly("P6", "P5", "P4");
      assertThat(codes(second)).containsExactly("P3", "P2", "P1");
      assertThat(codes(last)).containsExactly("P0");
      assertThat(codes(past)).isEmpty();
      assertThat(List.of(first.total(), second.total(), last.total(), past.total())).containsOnly(7L);
    }
  }

  @Test
  void reviewQueue_followsTheDecisionWhenItChanges() {
    try (Store store = open()) {
      StoredClaim claim = queued("U1", 0.8);
      put(store, claim);
      assertThat(codes(queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 10))).containsExactly("U1");
      StoredClaim delivered = stored("U1", ClaimStatus.CHECKED, ReviewStatus.DELIVERED, band(ClaimRisk.BAND_REVIEW, 0.8),
          "HF1", "2026-06-01");
      store.inFamily("F1", tx -> {
        tx.update(delivered, "reviewed");
        return null;
      });
      assertThat(queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 10).total()).isZero();
    }
  }

  @Test
  void reviewQueue_negativeOffsetOrNonPositiveLimit_throws() {
    try (Store store = open()) {
      assertThatThrownBy(() -> queue(store).reviewQueue(ReviewQueueFilter.ALL, -1, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void reviewQueue_readsBackTheWholeClaimAndDecision() {
    try (Store store = open()) {
      StoredClaim claim = queued("R1", 0.75);
      put(store, claim);
      assertThat(queue(store).reviewQueue(ReviewQueueFilter.ALL, 0, 10).claims()).containsExactly(claim);
    }
  }

  @Test
  void reviewQueue_batchFilterKeepsTheBatchsAwaitingClaimsOnly() {
    try (Store store = open()) {
      put(store, queued("IN-A", 0.9));
      put(store, queued("IN-B", 0.5));
      put(store, stored("IN-SKIPPED", ClaimStatus.CHECKED, ReviewStatus.NOT_SELECTED, band(ClaimRisk.BAND_REVIEW, 0.8),
          "HF1", "2026-06-01"));
      put(store, queued("OTHER", 0.7));
      put(store, queued("FREE", 0.6));
      saveBatch(store, "batch-1", "2026-06-03T00:00:00Z", "IN-A", "IN-B", "IN-SKIPPED");
      saveBatch(store, "batch-2", "2026-06-04T00:00:00Z", "OTHER");
      ReviewQueuePage page = queue(store).reviewQueue(batch("batch-1"), 0, 100);
      assertThat(codes(page)).as("a skipped claim is in the batch but awaits no review")
          .containsExactly("IN-A", "IN-B");
      assertThat(page.total()).isEqualTo(2);
      assertThat(codes(queue(store).reviewQueue(batch("batch-1"), 1, 1))).containsExactly("IN-B");
      assertThat(queue(store).reviewQueue(batch("no-such-batch"), 0, 100).total()).isZero();
    }
  }

  @Test
  void reviewQueue_batchFilterCombinesWithTheOtherFilters() {
    try (Store store = open()) {
      put(store, stored("B-HF1-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.6), "HF1", "2026-06-01"));
      put(store, stored("B-HF2-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.7), "HF2", "2026-06-01"));
      put(store, stored("B-HF2-REJECT", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REJECT, 0.9), "HF2", "2026-07-01"));
      put(store, stored("X-HF2-REVIEW", ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, 0.7), "HF2", "2026-06-01"));
      saveBatch(store, "batch-1", "2026-06-03T00:00:00Z", "B-HF1-REVIEW", "B-HF2-REVIEW", "B-HF2-REJECT");
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter("HF2", null, null, ClaimRisk.BAND_REVIEW, "batch-1"),
          0, 100))).containsExactly("B-HF2-REVIEW");
      assertThat(codes(queue(store).reviewQueue(new ReviewQueueFilter(null, null, LocalDate.parse("2026-06-30"), null,
          "batch-1"), 0, 100))).containsExactly("B-HF2-REVIEW", "B-HF1-REVIEW");
    }
  }

  @Test
  void recentBatches_listsNewestFirstWithTheirClaimCountsUpToTheLimit() {
    try (Store store = open()) {
      assertThat(batches(store).recentBatches(10)).isEmpty();
      put(store, queued("C1", 0.9));
      put(store, queued("C2", 0.8));
      put(store, queued("C3", 0.7));
      saveBatch(store, "old", "2026-06-01T00:00:00Z", "C1", "C2");
      saveBatch(store, "new", "2026-06-05T00:00:00Z", "C3");
      assertThat(batches(store).recentBatches(10)).containsExactly(
          new BatchSummary("new", Instant.parse("2026-06-05T00:00:00Z"), 1),
          new BatchSummary("old", Instant.parse("2026-06-01T00:00:00Z"), 2));
      assertThat(batches(store).recentBatches(1)).extracting(BatchSummary::id).containsExactly("new");
      assertThatThrownBy(() -> batches(store).recentBatches(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  // ---- helpers ----

  static ReviewQueueFilter batch(String id) {
    return new ReviewQueueFilter(null, null, null, null, id);
  }

  /** Keeps a plain batch of the given claims, the first drawn and the rest skipped. */
  static void saveBatch(Store store, String id, String createdAt, String... codes) {
    List<SamplingBatch.Member> members = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      members.add(new SamplingBatch.Member(codes[i], "all", i == 0, 1.0 / codes.length, new BigDecimal("20.00")));
    }
    SamplingBatch batch = new SamplingBatch(id, Instant.parse(createdAt), null, 100.0 / codes.length, null, 1L, "p1",
        List.of(new SamplingBatch.Stratum("all", 100.0 / codes.length, codes.length, 1)), members, null);
    assertThat(batches(store).saveBatch(batch)).isEmpty();
  }

  /**
   * A checked claim of HF1 claimed on 2026-06-01: idle in the review band with the score given, or,
   * when the score is null, unscored and selected for review (an idle unscored claim is not queued).
   */
  static StoredClaim queued(String code, Double score) {
    return score == null
        ? stored(code, ClaimStatus.CHECKED, ReviewStatus.SELECTED, ClaimRisk.unscored("m1", "failed"), "HF1", "2026-06-01")
        : stored(code, ClaimStatus.CHECKED, ReviewStatus.IDLE, band(ClaimRisk.BAND_REVIEW, score), "HF1", "2026-06-01");
  }

  static ClaimRisk risk(double score, String valueAtStake) {
    return new ClaimRisk(ClaimRisk.BAND_REVIEW, score, new BigDecimal(valueAtStake), "m1", null, null);
  }

  /** A risk whose value at stake is 100 × its score, so the queue's order is the scores'. */
  protected static ClaimRisk band(String band, double score) {
    return new ClaimRisk(band, score, java.math.BigDecimal.valueOf(100 * score).setScale(2,
        java.math.RoundingMode.HALF_UP), "m1", null, null);
  }

  protected static StoredClaim stored(String code, ClaimStatus status, ReviewStatus reviewStatus, ClaimRisk risk, String facility,
      String dateClaimed) {
    Claim claim = new Claim(code, "111", facility, LocalDate.parse("2026-05-30"), null, LocalDate.parse(dateClaimed),
        "O", "A00", null, null, null, null,
        List.of(new ClaimItem("PARA", new BigDecimal("2"), new BigDecimal("10.00"))), List.of(), null);
    LineDecision line = new LineDecision(1, "PARA", null, new BigDecimal("2"), new BigDecimal("10.00"),
        status == ClaimStatus.REJECTED ? LineStatus.REJECTED : LineStatus.PASSED,
        status == ClaimStatus.REJECTED ? RejectionCode.FREQUENCY : RejectionCode.ACCEPTED,
        new BigDecimal("2"), null, null, null, null, null, null, null,
        "PRD", "POL1", "P", "C", new BigDecimal("100"), "0 accepted", "accepted", null, null, null, null);
    ClaimDecision decision = new ClaimDecision(code, "111", facility, status,
        status == ClaimStatus.REJECTED ? RejectionCode.NOT_IN_REGISTER : RejectionCode.ACCEPTED,
        status == ClaimStatus.REJECTED ? null : "O", new BigDecimal("20.00"), new BigDecimal("20.00"), null, reviewStatus, "s1", "r1",
        risk == null ? null : risk.modelVersion(), Instant.parse("2026-06-02T10:00:00Z"), List.of(line), List.of(),
        risk, null);
    return new StoredClaim(claim, decision);
  }

  static void put(Store store, StoredClaim claim) {
    boolean inserted = store.inFamily("F1", tx -> tx.insert(claim, "submitted"));
    assertThat(inserted).isTrue();
  }

  static List<String> codes(ReviewQueuePage page) {
    return page.claims().stream().map(c -> c.claim().code()).toList();
  }
}
