package io.arbiter.scoring;

import static io.arbiter.scoring.FeatureColumns.BUNDLE_PARTS;
import static io.arbiter.scoring.FeatureColumns.CLAIMS_30;
import static io.arbiter.scoring.FeatureColumns.CLAIMS_7;
import static io.arbiter.scoring.FeatureColumns.CLAIM_LINES;
import static io.arbiter.scoring.FeatureColumns.CODE_QTY_RATIO;
import static io.arbiter.scoring.FeatureColumns.DAYS_SINCE_LAST;
import static io.arbiter.scoring.FeatureColumns.DAYS_TO_CLAIM;
import static io.arbiter.scoring.FeatureColumns.DX_LIFT;
import static io.arbiter.scoring.FeatureColumns.FACILITY_ADJUSTED;
import static io.arbiter.scoring.FeatureColumns.FACILITY_CODE_LIFT;
import static io.arbiter.scoring.FeatureColumns.FACILITY_LINES;
import static io.arbiter.scoring.FeatureColumns.FACILITY_PRICE;
import static io.arbiter.scoring.FeatureColumns.FREQUENCY;
import static io.arbiter.scoring.FeatureColumns.JUST_AFTER_FREQUENCY;
import static io.arbiter.scoring.FeatureColumns.LINE_IN_BUNDLE;
import static io.arbiter.scoring.FeatureColumns.NEVER_DAYS;
import static io.arbiter.scoring.FeatureColumns.PRICE_RATIO;
import static io.arbiter.scoring.FeatureColumns.REPEAT_DAYS_AGO;
import static io.arbiter.scoring.FeatureColumns.REPEAT_SHARE;
import static io.arbiter.scoring.FeatureColumns.SAME_AMOUNT_30;
import static io.arbiter.scoring.FeatureColumns.SAME_AMOUNT_365;
import static io.arbiter.scoring.FeatureColumns.SAME_QTY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reasons shown beside a line's probability: the feature groups that raise this row's logit
 * most above the baseline's and whose value is unusual, in words ({@link #describe}).
 * A group's contribution is Σ slope × (value − baseline) over its columns: exact for a linear
 * model, first order for a factorization machine, and free (no extra rows through the model, where
 * occluding each group cost ~35 rows per line). A group that raises the logit without anything
 * unusual to say (a category, a plain amount) is passed over, not shown as a bare name. Stateless.
 */
public final class Reasons {
  /** At most this many reasons per line. */
  public static final int MAX = 3;
  /** Logit drops below this are float noise, not a reason. */
  private static final double MIN_CONTRIBUTION = 1e-6;
  private static final String[] GROUP_NAMES;
  private static final int[][] GROUP_COLUMNS;

  static {
    Map<String, int[]> groups = groups(FeatureExtractor.schema());
    GROUP_NAMES = groups.keySet().toArray(String[]::new);
    GROUP_COLUMNS = groups.values().toArray(int[][]::new);
  }

  private Reasons() {}

  /**
   * Up to {@link #MAX} reasons for {@code row}, the strongest first.
   *
   * @param slopes per column, how much one unit above the baseline raises the model's logit
   * @param baseline the card's baseline row
   * @param row the line's features, in the schema's order
   */
  public static List<String> of(double[] slopes, float[] baseline, float[] row) {
    double[] contribution = new double[GROUP_NAMES.length];
    List<Integer> raising = new ArrayList<>();
    for (int g = 0; g < GROUP_NAMES.length; g++) {
      for (int c : GROUP_COLUMNS[g]) {
        contribution[g] += slopes[c] * (row[c] - baseline[c]);
      }
      if (contribution[g] > MIN_CONTRIBUTION) {
        raising.add(g);
      }
    }
    raising.sort((a, b) -> Double.compare(contribution[b], contribution[a]));
    List<String> reasons = new ArrayList<>(MAX);
    for (int g : raising) {
      String reason = describe(GROUP_NAMES[g], row);
      if (reason != null) {
        reasons.add(reason);
        if (reasons.size() == MAX) {
          break;
        }
      }
    }
    return reasons;
  }

  /** What a feature group says about a line, in words with its numbers; null when nothing is unusual. */
  @FunctionalInterface
  private interface Phrase {
    String of(float[] row);
  }

  /**
   * Per feature group (see {@link FeatureSchema#groupOf}), how a reviewer reads it. A group that
   * only names a category (a code's hash, a diagnosis chapter, the facility's level, the patient's
   * sex…) or a plain magnitude (the amount, the age) says nothing unusual, so it gives no reason
   * even when it raises the probability; the others give one only past a level worth a look.
   * Every group of the schema has an entry ({@code FeatureExtractorTest} fails otherwise).
   */
  private static final Map<String, Phrase> PHRASES = Map.ofEntries(
      Map.entry("price_ratio_log", row -> ratio(row[PRICE_RATIO]) < 1.05 ? null
          : format("price asked %.1f× the price list", ratio(row[PRICE_RATIO]))),
      Map.entry("code_quantity_ratio_log", row -> ratio(row[CODE_QTY_RATIO]) < 1.5 ? null
          : format("quantity %.1f× the usual for this code", ratio(row[CODE_QTY_RATIO]))),
      Map.entry("same_code_qty_7d_log", row -> sameProvided(row, 0, 7)),
      Map.entry("same_code_qty_30d_log", row -> sameProvided(row, 1, 30)),
      Map.entry("same_code_qty_90d_log", row -> sameProvided(row, 2, 90)),
      Map.entry("same_code_qty_365d_log", row -> sameProvided(row, 3, 365)),
      Map.entry("same_code_amount_30d_log", row -> sameSpent(row[SAME_AMOUNT_30], 30)),
      Map.entry("same_code_amount_365d_log", row -> sameSpent(row[SAME_AMOUNT_365], 365)),
      Map.entry("days_since_last_log", row -> {
        long days = Math.round(Math.expm1(row[DAYS_SINCE_LAST]));
        return days >= NEVER_DAYS ? null : "same provided to the insuree " + plural(days, "day") + " before";
      }),
      Map.entry("just_after_frequency", row -> row[JUST_AFTER_FREQUENCY] < 0.5 ? null
          : format("provided again just after its %.0f-day frequency limit", row[FREQUENCY])),
      Map.entry("dx_code_lift_log", row -> ratio(row[DX_LIFT]) >= 0.5 ? null
          : format("rarely given for this diagnosis (%.2f× the expected rate)", ratio(row[DX_LIFT]))),
      Map.entry("claims_insuree_7d", row -> nthVisit(row[CLAIMS_7], 1, 7)),
      Map.entry("claims_insuree_30d", row -> nthVisit(row[CLAIMS_30], 2, 30)),
      Map.entry("facility_adjusted_rate", row -> row[FACILITY_ADJUSTED] < 0.15 ? null
          : format("facility's reviewed lines cut %.0f%% of the time", 100 * row[FACILITY_ADJUSTED])),
      Map.entry("facility_price_ratio_log", row -> ratio(row[FACILITY_PRICE]) < 1.1 ? null
          : format("facility asks %.1f× the price list on average", ratio(row[FACILITY_PRICE]))),
      Map.entry("facility_lines_ratio_log", row -> ratio(row[FACILITY_LINES]) < 1.2 ? null
          : format("facility bills %.1f× the lines per visit of facilities of its level", ratio(row[FACILITY_LINES]))),
      Map.entry("facility_code_lift_log", row -> ratio(row[FACILITY_CODE_LIFT]) < 1.5 ? null
          : format("facility puts this on %.1f× as many claims as facilities of its level",
              ratio(row[FACILITY_CODE_LIFT]))),
      Map.entry("repeat_claim_share", row -> {
        long lines = Math.round(row[CLAIM_LINES]);
        long repeated = Math.round(row[REPEAT_SHARE] * lines);
        return row[REPEAT_SHARE] < 0.5 ? null : repeated + " of the claim's " + plural(lines, "line")
            + " repeat a claim of the insuree " + plural(Math.round(row[REPEAT_DAYS_AGO]), "day") + " before";
      }),
      Map.entry("bundle_parts_on_claim", row -> row[BUNDLE_PARTS] < 2 ? null
          : format("%.0f parts of one package claimed separately", row[BUNDLE_PARTS])),
      Map.entry("line_in_bundle", row -> row[LINE_IN_BUNDLE] < 0.5 ? null
          : format("one of %.0f parts of a package claimed separately", row[BUNDLE_PARTS])),
      Map.entry("days_to_claim", row -> row[DAYS_TO_CLAIM] < 60 ? null
          : format("claimed %.0f days after care", row[DAYS_TO_CLAIM])),
      // Said by repeat_claim_share, with the share.
      Map.entry("repeat_claim_days", row -> null),
      // Categories and plain magnitudes: nothing unusual to say on their own.
      Map.entry("quantity_log", row -> null),
      Map.entry("line_amount_log", row -> null),
      Map.entry("claim_amount_log", row -> null),
      Map.entry("line_share", row -> null),
      Map.entry("claim_lines", row -> null),
      Map.entry("frequency_days", row -> null),
      Map.entry("facility_claims_log", row -> null),
      Map.entry("stay_days", row -> null),
      Map.entry("age_years", row -> null),
      Map.entry("code_hash", row -> null),
      Map.entry("dx_chapter", row -> null),
      Map.entry("visit_emergency", row -> null),
      Map.entry("visit_referral", row -> null),
      Map.entry("inpatient", row -> null),
      Map.entry("care_type_inpatient", row -> null),
      Map.entry("facility_level_hospital", row -> null),
      Map.entry("facility_level_centre", row -> null),
      Map.entry("sex_female", row -> null),
      Map.entry("line_service", row -> null));

  /** The feature groups {@link #describe} knows: every group of the schema. */
  public static Set<String> describedGroups() {
    return PHRASES.keySet();
  }

  /**
   * The phrase a reviewer reads for a feature group that raised a line's risk, from the row's
   * values, e.g. "price asked 3.1× the price list"; null when the group's value is not unusual.
   *
   * @throws IllegalArgumentException for a group the schema does not have
   */
  public static String describe(String group, float[] row) {
    Phrase phrase = PHRASES.get(group);
    if (phrase == null) {
      throw new IllegalArgumentException("no feature group " + group);
    }
    return phrase.of(row);
  }

  private static double ratio(float logRatio) {
    return Math.exp(logRatio);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** "1 day", "2 days": a count with its noun, singular for one. */
  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "2nd", "3rd", "11th", "21st". */
  private static String ordinal(long n) {
    long tens = n % 100;
    String suffix = tens >= 11 && tens <= 13 ? "th" : switch ((int) (n % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  private static String sameProvided(float[] row, int window, int days) {
    double qty = Math.expm1(row[SAME_QTY[window]]);
    return qty < 0.5 ? null : String.format(Locale.ROOT, "%s of the same provided to the insuree in the last %d days",
        new java.math.BigDecimal(qty).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(),
        days);
  }

  private static String sameSpent(float logAmount, int days) {
    double amount = Math.expm1(logAmount);
    return amount < 0.5 ? null : String.format(Locale.ROOT, "%,.0f spent on the same for the insuree in the last %d days",
        amount, days);
  }

  /** The insuree's visit this claim is, counting the {@code others} before it in the window; null below {@code from}. */
  private static String nthVisit(float others, int from, int days) {
    long n = Math.round(others);
    return n < from ? null : ordinal(n + 1) + " visit of the insuree in " + days + " days";
  }

  private static Map<String, int[]> groups(FeatureSchema schema) {
    Map<String, List<Integer>> columns = new LinkedHashMap<>();
    for (int f = 0; f < schema.size(); f++) {
      columns.computeIfAbsent(FeatureSchema.groupOf(schema.names().get(f)), g -> new ArrayList<>()).add(f);
    }
    Map<String, int[]> groups = new LinkedHashMap<>();
    columns.forEach((g, c) -> groups.put(g, c.stream().mapToInt(Integer::intValue).toArray()));
    return groups;
  }
}
