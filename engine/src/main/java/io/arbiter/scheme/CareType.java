package io.arbiter.scheme;

/** openIMIS care type of an item, service or health facility: out-patient, in-patient or both. */
public enum CareType {
  /** Out-patient. */
  O,
  /** In-patient. */
  I,
  /** Both. */
  B
}
