package io.arbiter.scheme;

import java.time.LocalDate;

/** An insuree's membership of a policy (openIMIS {@code tblInsureePolicy}). */
public record Membership(
    String chfId, String policyId, LocalDate effectiveDate, LocalDate expiryDate) {

  /** Whether the membership is in force at {@code date}. */
  public boolean coversAt(LocalDate date) {
    return effectiveDate != null
        && !date.isBefore(effectiveDate)
        && (expiryDate == null || !date.isAfter(expiryDate));
  }
}
