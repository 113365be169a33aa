package io.arbiter.scheme;

import java.time.LocalDate;
import java.util.Collection;

/** An insuree's membership of a policy (openIMIS {@code tblInsureePolicy}). */
public record Membership(
    String chfId, String policyId, LocalDate effectiveDate, LocalDate expiryDate) {

  /** Whether the membership is in force at {@code date}. */
  public boolean coversAt(LocalDate date) {
    return effectiveDate != null
        && !date.isBefore(effectiveDate)
        && (expiryDate == null || !date.isAfter(expiryDate));
  }

  /** How many of {@code memberships} are in force at {@code date}. */
  public static int inForce(Collection<Membership> memberships, LocalDate date) {
    return (int) memberships.stream().filter(m -> m.coversAt(date)).count();
  }
}
