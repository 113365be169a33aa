package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a line (or a claim) was rejected: openIMIS's rejection reasons and Arbiter's own codes
 * (docs/adjudication.md §1). Inside the code a rejection reason is this enum; on the wire (JSON,
 * database columns, FHIR, CSV) and in the rules' names ({@code "5 frequency"}) it is the number,
 * {@link #code()}, which is also what {@link #toString()} gives. openIMIS lists 6 (duplicate) and
 * 18 but never gives them; neither does Arbiter, so they are not here.
 */
public enum RejectionCode {
  /** The risk model's auto-reject band (docs/adjudication.md §1, scoring). */
  AUTO_REJECTED(-2),
  /** A reviewer rejected the line. */
  REVIEWER(-1),
  /** Not rejected: the line passed, or the claim has a line that passed. */
  ACCEPTED(0),
  /** No register version at the target date; also a claim's code when no line passed. */
  NOT_IN_REGISTER(1),
  NOT_IN_PRICE_LIST(2),
  NOT_COVERED(3),
  /** The patient's sex or age group is not allowed by the item's or service's mask. */
  PATIENT_MASK(4),
  FREQUENCY(5),
  /** The insuree or its family is not valid, or no membership covers the care dates. */
  INSUREE_NOT_VALID(7),
  UNKNOWN_DIAGNOSIS(8),
  /** The claim was made before the care started. */
  CLAIM_BEFORE_CARE(9),
  CARE_TYPE(10),
  MAX_HOSPITAL_ADMISSIONS(11),
  MAX_VISITS(12),
  MAX_CONSULTATIONS(13),
  MAX_SURGERIES(14),
  MAX_DELIVERIES(15),
  /** Maximum provisions of the item or service, per policy period or per window. */
  MAX_PROVISIONS(16),
  WAITING_PERIOD(17),
  MAX_ANTENATAL(19),
  /** Arbiter's voucher codes (docs/adjudication.md §4.2): voucher unknown or not named. */
  VOUCHER_UNKNOWN(101),
  VOUCHER_NOT_ATTRIBUTED(102),
  VOUCHER_CANCELLED(103),
  VOUCHER_OTHER_POLICY(104);

  private static final java.util.Map<Integer, RejectionCode> BY_CODE = java.util.Arrays.stream(values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(RejectionCode::code, c -> c));

  private final int code;

  RejectionCode(int code) {
    this.code = code;
  }

  /** The number of this code, as JSON, the database, FHIR and the rules carry it. */
  @JsonValue
  public int code() {
    return code;
  }

  /** True for every code but {@link #ACCEPTED}. */
  public boolean rejects() {
    return this != ACCEPTED;
  }

  /** Whether a number is one of these codes. */
  public static boolean isCode(int code) {
    return BY_CODE.containsKey(code);
  }

  /**
   * The rejection code with the number {@code code}.
   *
   * @throws IllegalArgumentException for a number that is no rejection code
   */
  @JsonCreator
  public static RejectionCode of(int code) {
    RejectionCode c = BY_CODE.get(code);
    if (c == null) {
      throw new IllegalArgumentException("unknown rejection code " + code);
    }
    return c;
  }

  @Override
  public String toString() {
    return Integer.toString(code);
  }
}
