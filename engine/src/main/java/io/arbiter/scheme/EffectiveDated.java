package io.arbiter.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versions of one code, indexed by their first day so that the version valid at a date is one
 * floor lookup. Versions must not overlap; {@link #of} reports each overlap it finds.
 */
final class EffectiveDated<T extends Validity> {
  private final TreeMap<LocalDate, T> byStart = new TreeMap<>();

  private EffectiveDated() {}

  /**
   * @param pointers JSON pointer of each version, parallel to {@code versions}
   */
  static <T extends Validity> EffectiveDated<T> of(List<T> versions, List<String> pointers, List<SchemeProblem> problems) {
    EffectiveDated<T> dated = new EffectiveDated<>();
    Map<LocalDate, String> pointerByStart = new TreeMap<>();
    for (int i = 0; i < versions.size(); i++) {
      T v = versions.get(i);
      if (v.validFrom() != null && v.validTo() != null && v.validTo().isBefore(v.validFrom())) {
        problems.add(new SchemeProblem(pointers.get(i) + "/validTo",
            "validTo " + v.validTo() + " is before validFrom " + v.validFrom()));
        continue;
      }
      if (dated.byStart.putIfAbsent(start(v), v) != null) {
        problems.add(new SchemeProblem(pointers.get(i) + "/validFrom", "two versions start on " + start(v)));
      } else {
        pointerByStart.put(start(v), pointers.get(i));
      }
    }
    T previous = null;
    for (T v : dated.byStart.values()) {
      if (previous != null && (previous.validTo() == null || !previous.validTo().isBefore(start(v)))) {
        problems.add(new SchemeProblem(pointerByStart.get(start(v)) + "/validFrom",
            "versions overlap (" + range(previous) + " and " + range(v) + ")"));
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
