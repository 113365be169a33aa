package io.arbiter.review;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.ReviewStatus;

/**
 * One claim of a sampling batch with where its review stands now, so that a reviewer sees which
 * drawn claims are still to do without opening each. Immutable.
 *
 * @param status the claim's current status (4 checked, 8 processed, …)
 * @param reviewStatus the claim's current review status (4 selected, 2 skipped, 8 delivered, 16
 *     bypassed by extrapolation)
 * @param reviewed whether a review of the claim was delivered ({@code reviewStatus} 8)
 */
public record BatchClaim(String code, String stratum, boolean sampled, double inclusionProbability, ClaimStatus status,
    ReviewStatus reviewStatus, boolean reviewed) {

  /** The member with its current decision. */
  public static BatchClaim of(SamplingBatch.Member member, ClaimDecision current) {
    return new BatchClaim(member.code(), member.stratum(), member.sampled(), member.inclusionProbability(),
        current.status(), current.reviewStatus(), current.reviewStatus() == ReviewStatus.DELIVERED);
  }
}
