package io.arbiter.engine;

import io.arbiter.claim.RejectionCode;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.ledger.PolicyAmounts;
import io.arbiter.review.Review;
import io.arbiter.scheme.LineKind;
import io.arbiter.store.ReviewQueueFilter;
import io.arbiter.store.ReviewQueuePage;
import io.arbiter.store.StoredClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Claim review of an {@link Arbiter} ({@code arbiter.reviews()}): the queue of claims awaiting
 * review and the delivery of a reviewer's decisions (docs/adjudication.md §8). Thread-safe; methods
 * block. Every method that refuses a request throws {@link ArbiterException} and changes nothing.
 */
public final class Reviews {
  /** The largest page {@link #queue} gives. */
  public static final int MAX_QUEUE_PAGE_SIZE = 100;

  private final EngineState state;
  private final Decisions decisions;
  private final ClaimChanges changes;

  Reviews(EngineState state, Decisions decisions, ClaimChanges changes) {
    this.state = state;
    this.decisions = decisions;
    this.changes = changes;
  }

  /**
   * A page of the claims awaiting review, riskiest first (which claims: {@link ReviewQueueFilter}).
   *
   * @param filter which claims; {@link ReviewQueueFilter#ALL} for the whole queue
   * @param page the page's number, from 1
   * @param size entries per page, 1 to {@value #MAX_QUEUE_PAGE_SIZE}
   * @throws IllegalArgumentException when page or size is out of range
   * @throws UnsupportedOperationException when the store keeps no review queue
   */
  public ReviewQueue queue(ReviewQueueFilter filter, int page, int size) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be at least 1, was " + page);
    }
    if (size < 1 || size > MAX_QUEUE_PAGE_SIZE) {
      throw new IllegalArgumentException("size must be in 1.." + MAX_QUEUE_PAGE_SIZE + ", was " + size);
    }
    long offset = (long) (page - 1) * size;
    if (offset > Integer.MAX_VALUE) {
      // No store holds that many claims in its queue: the page is past the end.
      return new ReviewQueue(page, size,
          state.reviewQueueStore().reviewQueue(Objects.requireNonNull(filter, "filter"), 0, 1).total(), List.of());
    }
    ReviewQueuePage found = state.reviewQueueStore().reviewQueue(Objects.requireNonNull(filter, "filter"), (int) offset, size);
    return new ReviewQueue(page, size, found.total(), found.claims().stream().map(ReviewQueue.Entry::of).toList());
  }

  /**
   * Delivers a reviewer's decisions and re-values the claim provisionally; a claim whose every line
   * is then rejected becomes status 1 and leaves the ledger.
   *
   * @throws ArbiterException NOT_FOUND, CONFLICT (claim not checked) or INVALID (bad line values)
   */
  public ClaimDecision review(String code, Review review) {
    return changes.onCheckedClaim(code, "reviewed", (tx, stored, snapshot, population) -> {
      Claim claim = stored.claim();
      List<LineState> lines = Decisions.lines(stored.decision());
      List<Problem> problems = new ArrayList<>();
      applyReviews(lines, LineKind.ITEM, review.items(), "/items/", problems);
      applyReviews(lines, LineKind.SERVICE, review.services(), "/services/", problems);
      if (!problems.isEmpty()) {
        throw new ArbiterException(ArbiterException.Kind.INVALID, "the review cannot be delivered", problems);
      }
      Valuator.requireInScheme(snapshot, claim, lines);
      tx.ledger().remove(code);
      String rulesVersion = stored.decision().rulesetVersion();
      if (lines.stream().noneMatch(LineState::passed)) {
        ClaimDecision rejected = Decisions.keepRisk(stored.decision(), decisions.decision(rulesVersion, snapshot,
            claim, lines, ClaimStatus.REJECTED, null, ReviewStatus.DELIVERED, null));
        tx.update(new StoredClaim(claim, rejected), "reviewed");
        return rejected;
      }
      String category = stored.decision().category();
      List<PolicyAmounts> amounts = Decisions.revalue(snapshot, population, tx.ledger(), claim, lines, category);
      ClaimDecision decision = Decisions.keepRisk(stored.decision(), decisions.decision(rulesVersion, snapshot,
          claim, lines, ClaimStatus.CHECKED, category, ReviewStatus.DELIVERED, null));
      tx.update(new StoredClaim(claim, decision), "reviewed");
      tx.ledger().book(Decisions.usage(claim, decision, amounts, false));
      return decision;
    });
  }

  private static void applyReviews(List<LineState> lines, LineKind kind, List<Review.LineReview> reviews,
      String pointer, List<Problem> problems) {
    for (int i = 0; i < reviews.size(); i++) {
      Review.LineReview r = reviews.get(i);
      String at = pointer + i;
      LineState line = r.lineNo() == null ? null : lines.stream()
          .filter(l -> l.kind == kind && l.lineNo == r.lineNo()).findFirst().orElse(null);
      if (line == null) {
        problems.add(r.lineNo() == null ? Problem.missing(at + "/lineNo")
            : Problem.invalid(at + "/lineNo", "the claim has no " + kind.word() + " line " + r.lineNo()));
        continue;
      }
      if (r.status() != null && r.status() != LineStatus.PASSED.code() && r.status() != LineStatus.REJECTED.code()) {
        problems.add(Problem.invalid(at + "/status", "status must be 1 (passed) or 2 (rejected)"));
        continue;
      }
      if (r.qtyApproved() != null && r.qtyApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/qtyApproved", "must not be negative"));
      }
      if (r.priceApproved() != null && r.priceApproved().signum() < 0) {
        problems.add(Problem.invalid(at + "/priceApproved", "must not be negative"));
      }
      boolean rejects = r.status() != null && r.status() == LineStatus.REJECTED.code();
      if (!line.passed() && !rejects) {
        problems.add(Problem.invalid(at, kind.word() + " line " + r.lineNo()
            + " was rejected by rule '" + line.rule + "' and cannot be approved"));
        continue;
      }
      apply(line, r, rejects);
    }
  }

  private static void apply(LineState line, Review.LineReview r, boolean rejects) {
    line.justification = r.justification() != null ? r.justification() : line.justification;
    if (rejects && line.passed()) {
      line.reject(RejectionCode.REVIEWER, "-1 reviewer", r.justification() != null ? r.justification() : "rejected by a reviewer",
          Map.of());
    } else if (!rejects) {
      line.qtyApproved = r.qtyApproved() != null ? r.qtyApproved() : line.qtyApproved;
      line.priceApproved = r.priceApproved() != null ? r.priceApproved() : line.priceApproved;
    }
  }
}
