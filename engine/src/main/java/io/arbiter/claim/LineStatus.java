package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An item or service line's status (docs/adjudication.md §1). Inside the code a line status is
 * this enum; on the wire (JSON, database columns, FHIR, CSV) it is openIMIS's number,
 * {@link #code()}, which is also what {@link #toString()} gives.
 */
public enum LineStatus {
  PASSED(1),
  REJECTED(2);

  private final int code;

  LineStatus(int code) {
    this.code = code;
  }

  /** openIMIS's number for this status, as JSON and the database carry it. */
  @JsonValue
  public int code() {
    return code;
  }

  /**
   * The line status with openIMIS's number {@code code}.
   *
   * @throws IllegalArgumentException for a number that is no line status
   */
  @JsonCreator
  public static LineStatus of(int code) {
    for (LineStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown line status " + code);
  }

  @Override
  public String toString() {
    return Integer.toString(code);
  }
}
