package io.arbiter.engine;

import io.arbiter.claim.ReviewStatus;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ReviewSelection;
import io.arbiter.review.ClaimFilter;
import io.arbiter.scheme.Population;
import io.arbiter.store.Store;
import io.arbiter.store.StoredClaim;
import java.util.List;
import java.util.Set;

/** What review selection and sampling batches share: which claims they may take, and marking one. */
final class ReviewMarks {
  /** What a selection over a set may change: a review nobody has asked for yet. */
  static final Set<ReviewStatus> AWAITING_REVIEW = Set.of(ReviewStatus.IDLE, ReviewStatus.NOT_SELECTED);
  /**
   * What a sampling batch may take: also claims the risk band selected at submit, so that an audit
   * sample covers the top band too (a claim in another batch is refused by the store instead).
   */
  static final Set<ReviewStatus> SAMPLEABLE = Set.of(ReviewStatus.IDLE, ReviewStatus.NOT_SELECTED,
      ReviewStatus.SELECTED);

  private final Store store;

  ReviewMarks(Store store) {
    this.store = store;
  }

  /** The checked claims the filter passes whose review status is one of {@code reviewStatuses}. */
  List<StoredClaim> checked(ClaimFilter filter, Set<ReviewStatus> reviewStatuses) {
    return store.claims(filter).stream()
        .filter(c -> c.decision().status() == ClaimStatus.CHECKED
            && reviewStatuses.contains(c.decision().reviewStatus()))
        .toList();
  }

  /**
   * Sets the review status the selection says, under the family's lock, if the claim is still
   * checked and its review status one of {@code reviewStatuses}; returns whether it did.
   */
  boolean markForReview(Population population, Claim claim, ReviewSelection selection, Set<ReviewStatus> reviewStatuses) {
    return store.inFamily(population.familyKey(claim.chfId()), tx -> {
      StoredClaim stored = tx.claim(claim.code()).orElseThrow();
      ClaimDecision d = stored.decision();
      if (d.status() != ClaimStatus.CHECKED || !reviewStatuses.contains(d.reviewStatus())) {
        return false;
      }
      tx.update(new StoredClaim(stored.claim(), d.withReview(selection.selected() ? ReviewStatus.SELECTED
          : ReviewStatus.NOT_SELECTED, selection)), "selected");
      return true;
    });
  }
}
