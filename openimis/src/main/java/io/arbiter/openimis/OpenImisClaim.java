package io.arbiter.openimis;

import io.arbiter.claim.Claim;
import java.math.BigDecimal;
import java.util.List;

/**
 * A claim as openIMIS holds it ({@code tblClaim} with its {@code tblClaimItems} and
 * {@code tblClaimServices}), mapped to Arbiter's claim, with the decision openIMIS stored.
 *
 * @param status openIMIS's ClaimStatus: 1 rejected, 2 entered (not decided), 4 checked, 8
 *     processed, 16 valuated
 * @param items openIMIS's decision on each item line, in the order of {@code claim.items()}
 * @param services likewise for the services
 */
public record OpenImisClaim(int claimId, Claim claim, int status, BigDecimal approved, BigDecimal valuated,
    List<Line> items, List<Line> services) {

  /** openIMIS's decision on one line: ClaimItemStatus/ClaimServiceStatus (1 passed, 2 rejected) and RejectionReason. */
  public record Line(String code, int status, int rejectionReason) {}

  /** Whether openIMIS decided the claim (any status but entered). */
  public boolean decided() {
    return status != 2;
  }
}
