package io.arbiter.scheme;

import java.time.LocalDate;

/**
 * A family's policy of one product.
 *
 * @param status 1 idle, 2 active, 4 suspended, 8 expired
 */
public record Policy(
    String id,
    String familyId,
    String productCode,
    PolicyStage stage,
    int status,
    LocalDate enrollDate,
    LocalDate startDate,
    LocalDate effectiveDate,
    LocalDate expiryDate) {

  public static final int STATUS_ACTIVE = 2;
  public static final int STATUS_EXPIRED = 8;

  /** Whether the policy may cover care at {@code date}: active or expired, and in its period. */
  public boolean coversAt(LocalDate date) {
    return (status == STATUS_ACTIVE || status == STATUS_EXPIRED)
        && effectiveDate != null
        && !date.isBefore(effectiveDate)
        && (expiryDate == null || !date.isAfter(expiryDate));
  }
}
