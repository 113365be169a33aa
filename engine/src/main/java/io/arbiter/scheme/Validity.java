package io.arbiter.scheme;

import java.time.LocalDate;

/** Something valid over an inclusive date range; a null bound is open. */
public interface Validity {

  /** First day of validity, inclusive; null means since ever. */
  LocalDate validFrom();

  /** Last day of validity, inclusive; null means still current. */
  LocalDate validTo();

  /** Whether {@code date} lies in the inclusive range. */
  default boolean isValidAt(LocalDate date) {
    return (validFrom() == null || !date.isBefore(validFrom()))
        && (validTo() == null || !date.isAfter(validTo()));
  }
}
