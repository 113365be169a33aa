package io.arbiter.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The feature schema of {@link FeatureExtractor#VERSION} (names sorted, as Tribuo orders columns)
 * and the column of each feature, shared by the extractor and {@link Reasons}.
 */
final class FeatureColumns {
  static final int CODE_BUCKETS = 32;
  static final int NEVER_DAYS = 366;
  /** A claim repeats an earlier one when its lines were provided to the insuree this few days before. */
  static final int REPEAT_DAYS = 14;

  static final FeatureSchema SCHEMA = buildSchema();
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < SCHEMA.size(); i++) {
      INDEX.put(SCHEMA.names().get(i), i);
    }
  }

  static final int AGE = at("age_years");
  static final int BUNDLE_PARTS = at("bundle_parts_on_claim");
  static final int CARE_INPATIENT = at("care_type_inpatient");
  static final int CLAIM_AMOUNT = at("claim_amount_log");
  static final int CLAIM_LINES = at("claim_lines");
  static final int CLAIMS_7 = at("claims_insuree_7d");
  static final int CLAIMS_30 = at("claims_insuree_30d");
  static final int CODE_HASH = at("code_hash_00");
  static final int CODE_QTY_RATIO = at("code_quantity_ratio_log");
  static final int DAYS_SINCE_LAST = at("days_since_last_log");
  static final int DAYS_TO_CLAIM = at("days_to_claim");
  static final int DX_CHAPTER = at("dx_chapter_a");
  static final int DX_LIFT = at("dx_code_lift_log");
  static final int FACILITY_ADJUSTED = at("facility_adjusted_rate");
  static final int FACILITY_CLAIMS = at("facility_claims_log");
  static final int FACILITY_CENTRE = at("facility_level_centre");
  static final int FACILITY_HOSPITAL = at("facility_level_hospital");
  static final int FACILITY_PRICE = at("facility_price_ratio_log");
  static final int FACILITY_LINES = at("facility_lines_ratio_log");
  static final int FACILITY_CODE_LIFT = at("facility_code_lift_log");
  static final int REPEAT_SHARE = at("repeat_claim_share");
  static final int REPEAT_DAYS_AGO = at("repeat_claim_days");
  static final int FREQUENCY = at("frequency_days");
  static final int INPATIENT = at("inpatient");
  static final int JUST_AFTER_FREQUENCY = at("just_after_frequency");
  static final int LINE_AMOUNT = at("line_amount_log");
  static final int LINE_IN_BUNDLE = at("line_in_bundle");
  static final int LINE_SERVICE = at("line_service");
  static final int LINE_SHARE = at("line_share");
  static final int PRICE_RATIO = at("price_ratio_log");
  static final int QUANTITY = at("quantity_log");
  static final int[] SAME_QTY = {at("same_code_qty_7d_log"), at("same_code_qty_30d_log"),
      at("same_code_qty_90d_log"), at("same_code_qty_365d_log")};
  static final int SAME_AMOUNT_30 = at("same_code_amount_30d_log");
  static final int SAME_AMOUNT_365 = at("same_code_amount_365d_log");
  static final int SEX_FEMALE = at("sex_female");
  static final int STAY = at("stay_days");
  static final int VISIT_EMERGENCY = at("visit_emergency");
  static final int VISIT_REFERRAL = at("visit_referral");

  private static FeatureSchema buildSchema() {
    Set<String> names = new TreeSet<>(List.of(
        "age_years", "bundle_parts_on_claim", "care_type_inpatient", "claim_amount_log", "claim_lines",
        "claims_insuree_7d", "claims_insuree_30d", "code_quantity_ratio_log", "days_since_last_log",
        "days_to_claim", "dx_code_lift_log", "facility_adjusted_rate", "facility_claims_log",
        "facility_level_centre", "facility_level_hospital", "facility_price_ratio_log", "frequency_days",
        "inpatient", "just_after_frequency", "line_amount_log", "line_in_bundle",
        "line_service", "line_share", "price_ratio_log", "quantity_log", "same_code_amount_30d_log",
        "facility_lines_ratio_log", "facility_code_lift_log", "repeat_claim_share", "repeat_claim_days",
        "same_code_amount_365d_log", "same_code_qty_7d_log", "same_code_qty_30d_log", "same_code_qty_90d_log",
        "same_code_qty_365d_log", "sex_female", "stay_days", "visit_emergency", "visit_referral"));
    for (int b = 0; b < CODE_BUCKETS; b++) {
      names.add(String.format(Locale.ROOT, "code_hash_%02d", b));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      names.add("dx_chapter_" + c);
    }
    return new FeatureSchema(FeatureExtractor.VERSION, new ArrayList<>(names));
  }

  private static int at(String name) {
    Integer i = INDEX.get(name);
    if (i == null) {
      throw new IllegalStateException("no feature " + name);
    }
    return i;
  }

  private FeatureColumns() {}
}
