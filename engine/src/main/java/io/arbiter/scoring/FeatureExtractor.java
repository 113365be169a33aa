package io.arbiter.scoring;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.ledger.Provision;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/*
 * Why one class computes every feature: a model is only as good as the agreement between the
 * numbers it was trained on and the numbers it is served. Training replays history through this
 * class (HistoryReplay) and serving calls it inside the adjudication, so there is one definition
 * of each feature, one schema (names sorted, as Tribuo orders columns) and one version to check a
 * model card against. Values are squashed (log1p, capped ratios) so that a linear model and a
 * factorization machine see comparable scales without a fitted scaler.
 */

/**
 * Turns a claim in its {@link ClaimContext} into one row of features per line (items, then
 * services, in the decision's order), in the order of {@link #schema()}. No raw database ids
 * reach a feature: item and service codes are hashed into {@value #CODE_BUCKETS} buckets.
 *
 * <p>Thread-safe and immutable apart from a cache of the last scheme's package index.
 */
public final class FeatureExtractor {
  /** Schema version; bump it whenever a feature changes. */
  public static final String VERSION = "arbiter-features-2";
  static final int CODE_BUCKETS = 32;
  static final List<String> ONE_HOT_PREFIXES = List.of("code_hash_", "dx_chapter_");
  private static final String[] CATEGORIES = {"S", "D", "A", "H", "C", "V"};
  private static final int[] HISTORY_DAYS = {7, 30, 90, 365};
  private static final int NEVER_DAYS = 366;
  private static final int NEAR_FREQUENCY_DAYS = 7;
  private static final double MAX_RATIO = 50;
  /** A claim repeats an earlier one when its lines were provided to the insuree this few days before. */
  static final int REPEAT_DAYS = 14;

  static final FeatureSchema SCHEMA = buildSchema();
  private static final Map<String, Integer> INDEX = new HashMap<>();

  static {
    for (int i = 0; i < SCHEMA.size(); i++) {
      INDEX.put(SCHEMA.names().get(i), i);
    }
  }

  private static final int AGE = at("age_years");
  private static final int BUNDLE_PARTS = at("bundle_parts_on_claim");
  private static final int CARE_INPATIENT = at("care_type_inpatient");
  private static final int CLAIM_AMOUNT = at("claim_amount_log");
  private static final int CLAIM_LINES = at("claim_lines");
  private static final int CLAIMS_7 = at("claims_insuree_7d");
  private static final int CLAIMS_30 = at("claims_insuree_30d");
  private static final int CODE_HASH = at("code_hash_00");
  private static final int CODE_QTY_RATIO = at("code_quantity_ratio_log");
  private static final int DAYS_SINCE_LAST = at("days_since_last_log");
  private static final int DAYS_TO_CLAIM = at("days_to_claim");
  private static final int DX_CHAPTER = at("dx_chapter_a");
  private static final int DX_LIFT = at("dx_code_lift_log");
  private static final int FACILITY_ADJUSTED = at("facility_adjusted_rate");
  private static final int FACILITY_CLAIMS = at("facility_claims_log");
  private static final int FACILITY_CENTRE = at("facility_level_centre");
  private static final int FACILITY_HOSPITAL = at("facility_level_hospital");
  private static final int FACILITY_PRICE = at("facility_price_ratio_log");
  private static final int FACILITY_LINES = at("facility_lines_ratio_log");
  private static final int FACILITY_CODE_LIFT = at("facility_code_lift_log");
  private static final int REPEAT_SHARE = at("repeat_claim_share");
  private static final int REPEAT_DAYS_AGO = at("repeat_claim_days");
  private static final int FREQUENCY = at("frequency_days");
  private static final int INPATIENT = at("inpatient");
  private static final int JUST_AFTER_FREQUENCY = at("just_after_frequency");
  private static final int LINE_AMOUNT = at("line_amount_log");
  private static final int LINE_IN_BUNDLE = at("line_in_bundle");
  private static final int LINE_SERVICE = at("line_service");
  private static final int LINE_SHARE = at("line_share");
  private static final int PRICE_RATIO = at("price_ratio_log");
  private static final int QUANTITY = at("quantity_log");
  private static final int[] SAME_QTY = {at("same_code_qty_7d_log"), at("same_code_qty_30d_log"),
      at("same_code_qty_90d_log"), at("same_code_qty_365d_log")};
  private static final int SAME_AMOUNT_30 = at("same_code_amount_30d_log");
  private static final int SAME_AMOUNT_365 = at("same_code_amount_365d_log");
  private static final int SEX_FEMALE = at("sex_female");
  private static final int STAY = at("stay_days");
  private static final int VISIT_EMERGENCY = at("visit_emergency");
  private static final int VISIT_REFERRAL = at("visit_referral");

  private final ReferenceStats stats;
  private volatile PackageIndex packages;

  /**
   * @param stats the aggregates shipped with the model; {@link ReferenceStats#EMPTY} gives neutral
   *     values for the features that read them
   */
  public FeatureExtractor(ReferenceStats stats) {
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /** The schema every extractor of this version produces. */
  public static FeatureSchema schema() {
    return SCHEMA;
  }

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
    return new FeatureSchema(VERSION, new ArrayList<>(names));
  }

  private static int at(String name) {
    Integer i = INDEX.get(name);
    if (i == null) {
      throw new IllegalStateException("no feature " + name);
    }
    return i;
  }

  /**
   * One row per line, items then services.
   *
   * @return a new array of {@code context.lineCount()} rows of {@code schema().size()} values
   */
  public float[][] extract(ClaimContext context) {
    float[][] rows = new float[context.lineCount()][];
    extract(context, rows, 0);
    return rows;
  }

  /**
   * Writes the claim's rows into {@code rows} from {@code offset} (reusing arrays already there
   * when they have the schema's width).
   */
  public void extract(ClaimContext context, float[][] rows, int offset) {
    Claim claim = context.claim();
    ClaimDecision decision = context.decision();
    SchemeSnapshot scheme = context.scheme();
    LocalDate target = claim.targetDate();
    List<LineDecision> lines = lines(decision);
    float[] shared = new float[SCHEMA.size()];
    claimFeatures(context, shared, lines.size());
    repeatFeatures(context, lines, shared);
    BundleUse bundle = packageIndex(scheme).use(lines);
    double claimed = decision.claimed() == null ? 0 : decision.claimed().doubleValue();
    String chapter = chapterOf(claim.icd());
    for (int i = 0; i < lines.size(); i++) {
      LineDecision line = lines.get(i);
      float[] row = rows[offset + i];
      if (row == null || row.length != shared.length) {
        row = new float[shared.length];
        rows[offset + i] = row;
      }
      System.arraycopy(shared, 0, row, 0, shared.length);
      LineKind kind = line.itemCode() != null ? LineKind.ITEM : LineKind.SERVICE;
      String code = kind == LineKind.ITEM ? line.itemCode() : line.serviceCode();
      RegisterEntry entry = scheme.registerHas(kind, code) ? scheme.register(kind, code, target) : null;
      double listPrice = entry == null || entry.price() == null ? 0 : entry.price().doubleValue();
      double quantity = line.qtyProvided().doubleValue();
      double amount = quantity * line.priceAsked().doubleValue();
      String key = lineKey(line);
      row[LINE_SERVICE] = kind == LineKind.SERVICE ? 1 : 0;
      row[QUANTITY] = log1p(quantity);
      row[PRICE_RATIO] = (float) Math.log(priceRatio(line, listPrice));
      row[LINE_AMOUNT] = log1p(amount);
      row[LINE_SHARE] = claimed <= 0 ? 0 : (float) Math.min(1, amount / claimed);
      row[CODE_HASH + bucketOf(key)] = 1;
      int frequency = entry == null ? 0 : frequencyOf(entry);
      row[FREQUENCY] = frequency;
      row[CARE_INPATIENT] = entry != null && careTypeOf(entry) == CareType.I ? 1 : 0;
      Double mean = stats.meanQuantity().get(key);
      row[CODE_QTY_RATIO] = mean == null || mean <= 0 ? 0 : (float) Math.log(cap(quantity / mean));
      row[DX_LIFT] = (float) Math.log(lift(key, chapter));
      Double facilityLift = stats.facilityCodeLift().get(claim.healthFacility() + '|' + key);
      row[FACILITY_CODE_LIFT] = facilityLift == null ? 0 : (float) Math.log(cap(facilityLift));
      history(context, kind, code, target, listPrice, frequency, row);
      row[LINE_IN_BUNDLE] = bundle.parts().contains(key) ? 1 : 0;
      row[BUNDLE_PARTS] = bundle.count();
    }
  }

  private void claimFeatures(ClaimContext context, float[] row, int lineCount) {
    Claim claim = context.claim();
    LocalDate target = claim.targetDate();
    var insuree = context.insuree();
    row[AGE] = insuree.dob() == null ? 0 : ChronoUnit.YEARS.between(insuree.dob(), claim.dateFrom());
    row[SEX_FEMALE] = insuree.gender() == Gender.F ? 1 : 0;
    row[VISIT_EMERGENCY] = "E".equals(claim.visit()) ? 1 : 0;
    row[VISIT_REFERRAL] = "R".equals(claim.visit()) ? 1 : 0;
    row[INPATIENT] = claim.inPatient() ? 1 : 0;
    row[STAY] = claim.inPatient() ? ChronoUnit.DAYS.between(claim.dateFrom(), target) : 0;
    long toClaim = claim.dateClaimed() == null ? 0 : ChronoUnit.DAYS.between(target, claim.dateClaimed());
    row[DAYS_TO_CLAIM] = Math.max(0, Math.min(365, toClaim));
    var facility = context.scheme().facility(claim.healthFacility());
    String level = facility == null ? null : facility.level();
    row[FACILITY_CENTRE] = "C".equals(level) ? 1 : 0;
    row[FACILITY_HOSPITAL] = "H".equals(level) ? 1 : 0;
    row[CLAIM_LINES] = lineCount;
    row[CLAIM_AMOUNT] = log1p(context.decision().claimed() == null ? 0 : context.decision().claimed().doubleValue());
    row[CLAIMS_7] = claimsBefore(context, target, 7);
    row[CLAIMS_30] = claimsBefore(context, target, 30);
    ReferenceStats.FacilityStats f = stats.facilities().get(claim.healthFacility());
    row[FACILITY_CLAIMS] = f == null ? 0 : log1p(f.claims());
    row[FACILITY_PRICE] = f == null ? 0 : (float) Math.log(cap(f.meanPriceRatio()));
    row[FACILITY_ADJUSTED] = f == null ? 0 : (float) f.adjustedRate();
    row[FACILITY_LINES] = f == null || f.linesRatio() <= 0 ? 0 : (float) Math.log(cap(f.linesRatio()));
    String chapter = chapterOf(claim.icd());
    if (chapter.length() == 1 && chapter.charAt(0) >= 'a' && chapter.charAt(0) <= 'z') {
      row[DX_CHAPTER + chapter.charAt(0) - 'a'] = 1;
    }
  }

  /**
   * The earlier claim of the insuree that most of this claim's lines repeat (same code provided
   * within {@value #REPEAT_DAYS} days, by the ledger): the share of lines repeating it and how many
   * days before it was; share 0 and {@value #REPEAT_DAYS} + 1 days when none. One ledger lookup per
   * line, as the history features make: no claim is read.
   */
  private static void repeatFeatures(ClaimContext context, List<LineDecision> lines, float[] row) {
    Claim claim = context.claim();
    LocalDate target = claim.targetDate();
    Map<String, int[]> repeated = new HashMap<>();
    for (LineDecision line : lines) {
      LineKind kind = line.itemCode() != null ? LineKind.ITEM : LineKind.SERVICE;
      String code = kind == LineKind.ITEM ? line.itemCode() : line.serviceCode();
      Provision last = context.ledger().lastProvision(claim.chfId(), kind, code, target).orElse(null);
      if (last == null || last.claimCode() == null || last.claimCode().equals(claim.code())) {
        continue;
      }
      long days = ChronoUnit.DAYS.between(last.targetDate(), target);
      if (days >= 0 && days <= REPEAT_DAYS) {
        int[] seen = repeated.computeIfAbsent(last.claimCode(), c -> new int[] {0, (int) days});
        seen[0]++;
      }
    }
    int[] most = repeated.values().stream().max(java.util.Comparator.comparingInt((int[] r) -> r[0])
        .thenComparingInt(r -> -r[1])).orElse(null);
    row[REPEAT_SHARE] = most == null || lines.isEmpty() ? 0 : (float) most[0] / lines.size();
    row[REPEAT_DAYS_AGO] = most == null ? REPEAT_DAYS + 1 : most[1];
  }

  private static int claimsBefore(ClaimContext context, LocalDate target, int days) {
    int n = 0;
    for (String category : CATEGORIES) {
      n += context.ledger().claimsInCategory(context.claim().chfId(), category, target.minusDays(days), target);
    }
    return n;
  }

  private static void history(ClaimContext context, LineKind kind, String code, LocalDate target,
      double listPrice, int frequency, float[] row) {
    String chfId = context.claim().chfId();
    for (int w = 0; w < HISTORY_DAYS.length; w++) {
      double qty = context.ledger()
          .providedQuantity(chfId, kind, code, target.minusDays(HISTORY_DAYS[w]), target).doubleValue();
      row[SAME_QTY[w]] = log1p(qty);
      if (HISTORY_DAYS[w] == 30) {
        row[SAME_AMOUNT_30] = log1p(qty * listPrice);
      } else if (HISTORY_DAYS[w] == 365) {
        row[SAME_AMOUNT_365] = log1p(qty * listPrice);
      }
    }
    Provision last = context.ledger().lastProvision(chfId, kind, code, target).orElse(null);
    long days = last == null ? NEVER_DAYS : Math.min(NEVER_DAYS, ChronoUnit.DAYS.between(last.targetDate(), target));
    row[DAYS_SINCE_LAST] = log1p(days);
    row[JUST_AFTER_FREQUENCY] = last != null && frequency > 0 && days >= frequency
        && days <= frequency + NEAR_FREQUENCY_DAYS ? 1 : 0;
  }

  private double lift(String key, String chapter) {
    if (stats.lines() == 0) {
      return 1;
    }
    double expected = (double) stats.codeLines().getOrDefault(key, 0)
        * stats.chapterLines().getOrDefault(chapter, 0) / stats.lines();
    return (stats.pairLines().getOrDefault(key + '|' + chapter, 0) + 1.0) / (expected + 1.0);
  }

  /** What a feature group says about a line, in words with its numbers; null when nothing is unusual. */
  @FunctionalInterface
  interface Reason {
    String of(float[] row);
  }

  /**
   * Per feature group (see {@link FeatureSchema#groupOf}), how a reviewer reads it. A group that
   * only names a category (a code's hash, a diagnosis chapter, the facility's level, the patient's
   * sex…) or a plain magnitude (the amount, the age) says nothing unusual, so it gives no reason
   * even when it raises the probability; the others give one only past a level worth a look.
   * Every group of the schema has an entry ({@code FeatureExtractorTest} fails otherwise).
   */
  static final Map<String, Reason> REASONS = Map.ofEntries(
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
    return REASONS.keySet();
  }

  /**
   * The phrase a reviewer reads for a feature group that raised a line's risk, from the row's
   * values, e.g. "price asked 3.1× the price list"; null when the group's value is not unusual.
   *
   * @throws IllegalArgumentException for a group the schema does not have
   */
  public static String describe(String group, float[] row) {
    Reason reason = REASONS.get(group);
    if (reason == null) {
      throw new IllegalArgumentException("no feature group " + group);
    }
    return reason.of(row);
  }

  private static double ratio(float logRatio) {
    return Math.exp(logRatio);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** "1 day", "2 days": a count with its noun, singular for one. */
  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** "2nd", "3rd", "11th", "21st". */
  static String ordinal(long n) {
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

  /** Items then services, as the decision lists them (a new list). */
  public static List<LineDecision> lines(ClaimDecision decision) {
    List<LineDecision> lines = new ArrayList<>(decision.items().size() + decision.services().size());
    lines.addAll(decision.items());
    lines.addAll(decision.services());
    return lines;
  }

  static String lineKey(LineDecision line) {
    return line.itemCode() != null ? "I:" + line.itemCode() : "S:" + line.serviceCode();
  }

  /** The ICD chapter letter of a diagnosis, lower case; "" when none. */
  static String chapterOf(String icd) {
    return icd == null || icd.isEmpty() ? "" : icd.substring(0, 1).toLowerCase(Locale.ROOT);
  }

  /** Price asked ÷ list price, capped; 1 when the list price is unknown. */
  static double priceRatio(LineDecision line, Double listPrice) {
    BigDecimal reference = line.priceAdjusted();
    double price = reference != null && reference.signum() > 0 ? reference.doubleValue()
        : listPrice == null ? 0 : listPrice;
    return price <= 0 ? 1 : cap(line.priceAsked().doubleValue() / price);
  }

  static int bucketOf(String key) {
    int h = key.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), CODE_BUCKETS);
  }

  private static double cap(double ratio) {
    return Math.max(1 / MAX_RATIO, Math.min(MAX_RATIO, ratio));
  }

  private static float log1p(double v) {
    return (float) Math.log1p(Math.max(0, v));
  }

  private static int frequencyOf(RegisterEntry entry) {
    return entry instanceof MedicalItem i ? i.frequency() : entry instanceof MedicalService s ? s.frequency() : 0;
  }

  private static CareType careTypeOf(RegisterEntry entry) {
    return entry instanceof MedicalItem i ? i.careType() : entry instanceof MedicalService s ? s.careType() : null;
  }

  private PackageIndex packageIndex(SchemeSnapshot scheme) {
    PackageIndex index = packages;
    if (index == null || index.scheme != scheme) {
      index = new PackageIndex(scheme);
      packages = index;
    }
    return index;
  }

  /** How many parts of one package a claim lists without the package itself, and which lines. */
  private record BundleUse(int count, Set<String> parts) {
    static final BundleUse NONE = new BundleUse(0, Set.of());
  }

  /** Per scheme: each package service's parts, as line keys. */
  private static final class PackageIndex {
    final SchemeSnapshot scheme;
    final Map<String, Set<String>> partsByPackage = new HashMap<>();

    PackageIndex(SchemeSnapshot scheme) {
      this.scheme = scheme;
      for (MedicalService s : scheme.document().services()) {
        PackageContents contents = s.packageContents();
        if (contents == null) {
          continue;
        }
        Set<String> parts = partsByPackage.computeIfAbsent("S:" + s.code(), k -> new HashSet<>());
        contents.items().forEach(p -> parts.add("I:" + p.code()));
        contents.services().forEach(p -> parts.add("S:" + p.code()));
      }
    }

    BundleUse use(List<LineDecision> lines) {
      if (partsByPackage.isEmpty()) {
        return BundleUse.NONE;
      }
      Set<String> keys = new HashSet<>();
      lines.forEach(l -> keys.add(lineKey(l)));
      BundleUse best = BundleUse.NONE;
      for (Map.Entry<String, Set<String>> p : partsByPackage.entrySet()) {
        if (keys.contains(p.getKey())) {
          continue;
        }
        Set<String> present = new HashSet<>(p.getValue());
        present.retainAll(keys);
        if (present.size() >= 2 && present.size() > best.count()) {
          best = new BundleUse(present.size(), present);
        }
      }
      return best;
    }
  }
}
