package io.arbiter.scheme;

/** openIMIS gender codes; {@code O} (other) counts as male for patient masks, as in openIMIS. */
public enum Gender {
  M,
  F,
  O
}
