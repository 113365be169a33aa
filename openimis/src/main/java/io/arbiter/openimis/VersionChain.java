package io.arbiter.openimis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/*
 * Why the chain is rebuilt from ValidityFrom instead of taking ValidityTo as it is: openIMIS stamps
 * both with the moment of the edit, so a row replaced at 23:26 ends on the day its successor starts,
 * and Arbiter's inclusive date ranges would overlap. A version therefore ends the day before the
 * next one starts (or on its own ValidityTo if that is earlier, as in openIMIS's demo data, whose
 * history rows end on 2016-12-31 and whose successors start on 2017-01-01).
 */

/**
 * Turns the rows of one openIMIS record (the current row and the history rows whose {@code LegacyID}
 * points to it, or several records that share a code) into Arbiter's non-overlapping, inclusive
 * date versions.
 */
final class VersionChain {
  /** One openIMIS row: its id, its validity (to is null while current) and what it maps to. */
  record Row<T>(int id, LocalDate from, LocalDate to, T value) {}

  /** One Arbiter version built from a row. */
  record Version<T>(Row<T> row, LocalDate validFrom, LocalDate validTo) {}

  /** A current row that cannot be a version because a row of the same code starts after it, on {@code laterStart}. */
  record Overlap<T>(Row<T> row, LocalDate laterStart) {}

  /** The chain, and the rows left out of it with the reason. */
  record Result<T>(List<Version<T>> versions, List<Row<T>> sameDay, List<Overlap<T>> overlapping) {}

  private VersionChain() {}

  /**
   * Chains {@code rows} by {@code ValidityFrom}. The oldest version is valid since ever (openIMIS's
   * {@code ValidityFrom} is when the row was typed in, not when the scheme began to use it). A row
   * replaced on the day it started is no version ({@code sameDay}); a current row followed by a later
   * one (two current rows for one code) cannot be chained and is left out ({@code overlapping}).
   */
  static <T> Result<T> of(List<Row<T>> rows) {
    List<Row<T>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Row<T> r) -> r.from() == null ? LocalDate.MIN : r.from())
        .thenComparingInt(Row::id));
    List<Overlap<T>> overlapping = new ArrayList<>();
    List<Row<T>> chained = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Row<T> r = sorted.get(i);
      if (r.to() == null && i < sorted.size() - 1) {
        overlapping.add(new Overlap<>(r, sorted.get(i + 1).from()));
      } else {
        chained.add(r);
      }
    }
    List<Version<T>> versions = new ArrayList<>();
    List<Row<T>> sameDay = new ArrayList<>();
    for (int i = 0; i < chained.size(); i++) {
      Row<T> r = chained.get(i);
      LocalDate validTo = r.to();
      if (i < chained.size() - 1) {
        LocalDate dayBeforeNext = chained.get(i + 1).from().minusDays(1);
        validTo = validTo == null || dayBeforeNext.isBefore(validTo) ? dayBeforeNext : validTo;
      }
      if (validTo != null && validTo.isBefore(r.from())) {
        sameDay.add(r);
      } else {
        versions.add(new Version<>(r, versions.isEmpty() ? null : r.from(), validTo));
      }
    }
    return new Result<>(versions, sameDay, overlapping);
  }
}
