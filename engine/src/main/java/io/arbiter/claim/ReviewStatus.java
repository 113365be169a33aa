package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A claim's review status (docs/adjudication.md §1, §6). Inside the code a review status is this
 * enum; on the wire (JSON, database columns, FHIR, CSV) it is openIMIS's number, {@link #code()},
 * which is also what {@link #toString()} gives.
 */
public enum ReviewStatus {
  IDLE(1),
  NOT_SELECTED(2),
  SELECTED(4),
  DELIVERED(8),
  /** Selected, but processed before a review was delivered. */
  BYPASSED(16);

  private final int code;

  ReviewStatus(int code) {
    this.code = code;
  }

  /** openIMIS's number for this status, as JSON and the database carry it. */
  @JsonValue
  public int code() {
    return code;
  }

  /**
   * The review status with openIMIS's number {@code code}.
   *
   * @throws IllegalArgumentException for a number that is no review status
   */
  @JsonCreator
  public static ReviewStatus of(int code) {
    for (ReviewStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown review status " + code);
  }

  @Override
  public String toString() {
    return Integer.toString(code);
  }
}
