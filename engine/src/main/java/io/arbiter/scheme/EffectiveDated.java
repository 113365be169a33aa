package io.arbiter.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions of one code, indexed by their first day so that the version valid at a date is one
 * floor lookup. Versions must not overlap; {@link #of} reports the first overlap it finds.
 */
final class EffectiveDated<T extends Validity> {
  private final TreeMap<LocalDate, T> byStart = new TreeMap<>();

  private EffectiveDated() {}

  static <T extends Validity> EffectiveDated<T> of(List<T> versions, String what, List<String> problems) {
    EffectiveDated<T> dated = new EffectiveDated<>();
    for (T v : versions) {
      if (v.validFrom() != null && v.validTo() != null && v.validTo().isBefore(v.validFrom())) {
        problems.add(what + ": validTo " + v.validTo() + " is before validFrom " + v.validFrom());
        continue;
      }
      LocalDate start = v.validFrom() == null ? LocalDate.MIN : v.validFrom();
      if (dated.byStart.putIfAbsent(start, v) != null) {
        problems.add(what + ": two versions start on " + start);
      }
    }
    T previous = null;
    for (T v : dated.byStart.values()) {
      if (previous != null && (previous.validTo() == null || !previous.validTo().isBefore(start(v)))) {
        problems.add(what + ": versions overlap (" + range(previous) + " and " + range(v) + ")");
      }
      previous = v;
    }
    return dated;
  }

  /** The version valid at {@code date}, or null. */
  T at(LocalDate date) {
    Map.Entry<LocalDate, T> e = byStart.floorEntry(date);
    return e != null && e.getValue().isValidAt(date) ? e.getValue() : null;
  }

  private static LocalDate start(Validity v) {
    return v.validFrom() == null ? LocalDate.MIN : v.validFrom();
  }

  private static String range(Validity v) {
    return (v.validFrom() == null ? "…" : v.validFrom()) + "–" + (v.validTo() == null ? "…" : v.validTo());
  }
}
