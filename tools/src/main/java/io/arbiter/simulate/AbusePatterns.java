package io.arbiter.simulate;

import java.util.List;

/**
 * Names of the abuse patterns the {@link ClaimSimulator} plants, as they appear in a training
 * record's {@link io.arbiter.scoring.TrainingRecord.Truth}; normal lines carry
 * {@link io.arbiter.scoring.TrainingRecord#NORMAL}.
 */
public final class AbusePatterns {
  /** An item's quantity 3.5–10× its usual, at one of a few "bad" facilities. */
  public static final String INFLATED_QUANTITY = "inflated_quantity";
  /** A service swapped for a pricier one of the same category. */
  public static final String UPCODING = "upcoding";
  /** An item or service with a frequency limit provided again 1–7 days after the limit ran out. */
  public static final String JUST_OUTSIDE_FREQUENCY = "just_outside_frequency";
  /** The parts of the antenatal care package claimed separately, costing more than the package. */
  public static final String UNBUNDLING = "unbundling";
  /** A price asked 2–5× the facility's price-list price. */
  public static final String PRICE_ABOVE_LIST = "price_above_list";
  /** A service tied to one ICD chapter (delivery, cataract, prostate…) claimed under another. */
  public static final String IMPLAUSIBLE_FOR_DIAGNOSIS = "implausible_for_diagnosis";
  /** Many claims for members of one family within three days (every line of them). */
  public static final String FAMILY_BURST = "family_burst";

  /**
   * At one of a few "padding" facilities, a visit padded with a consultation and laboratory tests
   * nobody needed (the added lines). Unusual only against the facility's peers of the same level:
   * no single line is odd on its own.
   */
  public static final String PADDED_VISITS = "padded_visits";
  /**
   * A claim re-submitted as a new visit 2–6 days later: same insuree, facility and lines (every
   * line of the copy planted).
   */
  public static final String RESUBMITTED_CLAIM = "resubmitted_claim";

  /** Every pattern, in a fixed order. */
  public static final List<String> ALL = List.of(INFLATED_QUANTITY, UPCODING, JUST_OUTSIDE_FREQUENCY, UNBUNDLING,
      PRICE_ABOVE_LIST, IMPLAUSIBLE_FOR_DIAGNOSIS, FAMILY_BURST, PADDED_VISITS, RESUBMITTED_CLAIM);

  private AbusePatterns() {}
}
