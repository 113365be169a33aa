package io.arbiter.scheme;

/**
 * Ceiling exclusion of a product line, in openIMIS's codes ({@code CeilingExclusionAdult} /
 * {@code CeilingExclusionChild}): an excluded line is paid in full and does not count against the
 * general ceiling (docs/adjudication.md §6 step 7). An unset exclusion (null) means no exclusion.
 */
public enum CeilingExclusion {
  /** Both: excluded on every visit. */
  B,
  /** Hospital: excluded on a hospital visit only. */
  H,
  /** Non-hospital: excluded on a visit that is not a hospital visit only. */
  N;

  /** Whether a line with this exclusion escapes the general ceiling on such a visit. */
  public boolean excludes(boolean hospitalVisit) {
    return switch (this) {
      case B -> true;
      case H -> hospitalVisit;
      case N -> !hospitalVisit;
    };
  }
}
