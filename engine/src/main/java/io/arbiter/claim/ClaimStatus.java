package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A claim's status (docs/adjudication.md §1). Inside the code a claim status is this enum; on the
 * wire (JSON, database columns, FHIR, CSV) it is openIMIS's number, {@link #code()}, which is also
 * what {@link #toString()} gives, so text built from a status reads as before.
 */
public enum ClaimStatus {
  REJECTED(1, "rejected"),
  ENTERED(2, "entered"),
  CHECKED(4, "checked"),
  /** Valued except for a line that waits for a relative-price index. */
  PROCESSED(8, "processed"),
  VALUATED(16, "valuated");

  private final int code;
  private final String label;

  ClaimStatus(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** openIMIS's number for this status, as JSON, the database and FHIR carry it. */
  @JsonValue
  public int code() {
    return code;
  }

  /** openIMIS's name of this status ({@code rejected} ... {@code valuated}), as metrics and FHIR show it. */
  public String label() {
    return label;
  }

  /**
   * The status with openIMIS's number {@code code}.
   *
   * @throws IllegalArgumentException for a number that is no claim status
   */
  @JsonCreator
  public static ClaimStatus of(int code) {
    for (ClaimStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown claim status " + code);
  }

  @Override
  public String toString() {
    return Integer.toString(code);
  }
}
