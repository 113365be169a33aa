package io.arbiter.scheme;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * A provision limit over a window of time, in addition to openIMIS's per-policy-period limit.
 *
 * @param window an ISO-8601 period rolling back from the target date ({@code P30D}, {@code P2W},
 *     {@code P3M}: the period ending on the target date), or {@code MONTH}, {@code QUARTER},
 *     {@code YEAR} (the calendar one containing the target date), or {@code POLICY} (the policy
 *     period, [E_ip, X])
 * @param limitAdult quantity allowed in the window for adults; null = no limit for them
 * @param limitChild the same for children
 */
public record WindowLimit(String window, Integer limitAdult, Integer limitChild) {

  /** The limit for an age group; null when none. */
  public Integer limit(boolean adult) {
    return adult ? limitAdult : limitChild;
  }

  /** Whether {@link #window} is one of the forms above. */
  @JsonIgnore
  public boolean isValid() {
    return switch (String.valueOf(window)) {
      case "MONTH", "QUARTER", "YEAR", "POLICY" -> true;
      default -> rolling() != null;
    };
  }

  /**
   * The inclusive date range of the window that contains {@code targetDate}.
   *
   * @param policyFrom E_ip, used by {@code POLICY}
   * @param policyTo X, used by {@code POLICY}
   */
  public DateRange range(LocalDate targetDate, LocalDate policyFrom, LocalDate policyTo) {
    return switch (window) {
      case "MONTH" -> new DateRange(targetDate.withDayOfMonth(1), targetDate.with(TemporalAdjusters.lastDayOfMonth()));
      case "QUARTER" -> {
        LocalDate first = targetDate.with(IsoFields.DAY_OF_QUARTER, 1);
        yield new DateRange(first, first.plusMonths(3).minusDays(1));
      }
      case "YEAR" -> new DateRange(targetDate.withDayOfYear(1), targetDate.with(TemporalAdjusters.lastDayOfYear()));
      case "POLICY" -> new DateRange(policyFrom, policyTo);
      default -> new DateRange(targetDate.minus(rolling()).plusDays(1), targetDate);
    };
  }

  private Period rolling() {
    try {
      Period p = Period.parse(window);
      return p.isNegative() || p.isZero() ? null : p;
    } catch (DateTimeParseException | NullPointerException e) {
      return null;
    }
  }

  /** An inclusive range of dates. */
  public record DateRange(LocalDate from, LocalDate to) {}
}
