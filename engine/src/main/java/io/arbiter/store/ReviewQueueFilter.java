package io.arbiter.store;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimRisk;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.ReviewStatus;
import java.time.LocalDate;

/**
 * Which claims of the review queue to list; a null field does not filter. Immutable.
 *
 * <p>A claim awaits review ({@link #awaitsReview}) when it is checked (status 4) and either a
 * selection put it up for review (review status 4), or no selection has run on it yet (review
 * status 1, idle) and the risk model put it in the review or reject band: so the queue is useful
 * before any selection policy exists, and a claim a policy passed over (2), whose review was
 * delivered (8) or bypassed (16) never shows.
 *
 * @param healthFacility only claims of this facility (its code, exactly)
 * @param claimedFrom only claims with {@code dateClaimed} on or after this day
 * @param claimedTo only claims with {@code dateClaimed} on or before this day
 * @param band only claims in this risk band ({@link ClaimRisk#BAND_PASS} …); a claim without any
 *     risk counts as {@link ClaimRisk#BAND_UNSCORED}
 * @param batch only claims of this sampling batch (its id), drawn or skipped; the store knows which
 *     batch holds a claim, so {@link #matches} is told it
 */
public record ReviewQueueFilter(String healthFacility, LocalDate claimedFrom, LocalDate claimedTo, String band,
    String batch) {

  /** No filter: the whole queue. */
  public static final ReviewQueueFilter ALL = new ReviewQueueFilter(null, null, null, null, null);

  /** A filter that does not look at sampling batches; kept for the callers written before it could. */
  public ReviewQueueFilter(String healthFacility, LocalDate claimedFrom, LocalDate claimedTo, String band) {
    this(healthFacility, claimedFrom, claimedTo, band, null);
  }

  /** Whether a decision awaits review, by the definition above; the SQL of the JDBC store says the same. */
  public static boolean awaitsReview(ClaimDecision d) {
    if (d.status() != ClaimStatus.CHECKED) {
      return false;
    }
    if (d.reviewStatus() == ReviewStatus.SELECTED) {
      return true;
    }
    String band = band(d);
    return d.reviewStatus() == ReviewStatus.IDLE
        && (ClaimRisk.BAND_REVIEW.equals(band) || ClaimRisk.BAND_REJECT.equals(band));
  }

  /** The decision's risk band; {@link ClaimRisk#BAND_UNSCORED} when it carries no risk. */
  public static String band(ClaimDecision d) {
    return d.risk() == null || d.risk().band() == null ? ClaimRisk.BAND_UNSCORED : d.risk().band();
  }

  /** The decision's risk score; null when unscored. */
  public static Double score(ClaimDecision d) {
    return d.risk() == null ? null : d.risk().score();
  }

  /** The decision's value at stake, the queue's order; null when unscored or scored before it existed. */
  public static Double valueAtStake(ClaimDecision d) {
    return d.risk() == null || d.risk().valueAtStake() == null ? null : d.risk().valueAtStake().doubleValue();
  }

  /**
   * Whether a stored claim awaits review and passes every filter.
   *
   * @param batchOfClaim the id of the sampling batch holding the claim; null when none does
   */
  public boolean matches(StoredClaim stored, String batchOfClaim) {
    ClaimDecision d = stored.decision();
    LocalDate claimed = stored.claim().dateClaimed();
    return awaitsReview(d)
        && (healthFacility == null || healthFacility.equals(stored.claim().healthFacility()))
        && (claimedFrom == null || (claimed != null && !claimed.isBefore(claimedFrom)))
        && (claimedTo == null || (claimed != null && !claimed.isAfter(claimedTo)))
        && (band == null || band.equals(band(d)))
        && (batch == null || batch.equals(batchOfClaim));
  }
}
