package io.arbiter.scheme;

import java.math.BigDecimal;

/** What items and services share in the medical registers. */
public interface RegisterEntry extends Validity {

  String code();

  String name();

  /** Register price, scale 2. */
  BigDecimal price();

  /** Care type; null is treated as both. */
  CareType careType();

  /** Minimum number of days between two provisions; 0 means no limit. */
  int frequency();

  /** openIMIS patient category bit mask (1 male, 2 female, 4 adult, 8 child), as given. */
  int patientCategory();

  /** The per-concern form of the mask, or null. */
  PatientCategory patient();

  /** This entry with its mask normalised to {@code mask} and no per-concern form. */
  RegisterEntry withMask(int mask);
}
