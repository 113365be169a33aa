package io.arbiter.scoring;

import static io.arbiter.scoring.FeatureColumns.AGE;
import static io.arbiter.scoring.FeatureColumns.BUNDLE_PARTS;
import static io.arbiter.scoring.FeatureColumns.CARE_INPATIENT;
import static io.arbiter.scoring.FeatureColumns.CLAIMS_30;
import static io.arbiter.scoring.FeatureColumns.CLAIMS_7;
import static io.arbiter.scoring.FeatureColumns.CLAIM_AMOUNT;
import static io.arbiter.scoring.FeatureColumns.CLAIM_LINES;
import static io.arbiter.scoring.FeatureColumns.CODE_BUCKETS;
import static io.arbiter.scoring.FeatureColumns.CODE_HASH;
import static io.arbiter.scoring.FeatureColumns.CODE_QTY_RATIO;
import static io.arbiter.scoring.FeatureColumns.DAYS_SINCE_LAST;
import static io.arbiter.scoring.FeatureColumns.DAYS_TO_CLAIM;
import static io.arbiter.scoring.FeatureColumns.DX_CHAPTER;
import static io.arbiter.scoring.FeatureColumns.DX_LIFT;
import static io.arbiter.scoring.FeatureColumns.FACILITY_ADJUSTED;
import static io.arbiter.scoring.FeatureColumns.FACILITY_CENTRE;
import static io.arbiter.scoring.FeatureColumns.FACILITY_CLAIMS;
import static io.arbiter.scoring.FeatureColumns.FACILITY_CODE_LIFT;
import static io.arbiter.scoring.FeatureColumns.FACILITY_HOSPITAL;
import static io.arbiter.scoring.FeatureColumns.FACILITY_LINES;
import static io.arbiter.scoring.FeatureColumns.FACILITY_PRICE;
import static io.arbiter.scoring.FeatureColumns.FREQUENCY;
import static io.arbiter.scoring.FeatureColumns.INPATIENT;
import static io.arbiter.scoring.FeatureColumns.JUST_AFTER_FREQUENCY;
import static io.arbiter.scoring.FeatureColumns.LINE_AMOUNT;
import static io.arbiter.scoring.FeatureColumns.LINE_IN_BUNDLE;
import static io.arbiter.scoring.FeatureColumns.LINE_SERVICE;
import static io.arbiter.scoring.FeatureColumns.LINE_SHARE;
import static io.arbiter.scoring.FeatureColumns.NEVER_DAYS;
import static io.arbiter.scoring.FeatureColumns.PRICE_RATIO;
import static io.arbiter.scoring.FeatureColumns.QUANTITY;
import static io.arbiter.scoring.FeatureColumns.REPEAT_DAYS;
import static io.arbiter.scoring.FeatureColumns.REPEAT_DAYS_AGO;
import static io.arbiter.scoring.FeatureColumns.REPEAT_SHARE;
import static io.arbiter.scoring.FeatureColumns.SAME_AMOUNT_30;
import static io.arbiter.scoring.FeatureColumns.SAME_AMOUNT_365;
import static io.arbiter.scoring.FeatureColumns.SAME_QTY;
import static io.arbiter.scoring.FeatureColumns.SEX_FEMALE;
import static io.arbiter.scoring.FeatureColumns.STAY;
import static io.arbiter.scoring.FeatureColumns.VISIT_EMERGENCY;
import static io.arbiter.scoring.FeatureColumns.VISIT_REFERRAL;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.LineDecision;
import io.arbiter.ledger.Provision;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 * reach a feature: item and service codes are hashed into {@value FeatureColumns#CODE_BUCKETS} buckets.
 *
 * <p>Thread-safe and immutable apart from a cache of the last scheme's package index.
 */
public final class FeatureExtractor {
  /** Schema version; bump it whenever a feature changes. */
  public static final String VERSION = "arbiter-features-2";
  static final List<String> ONE_HOT_PREFIXES = List.of("code_hash_", "dx_chapter_");
  private static final String[] CATEGORIES = {"S", "D", "A", "H", "C", "V"};
  private static final int[] HISTORY_DAYS = {7, 30, 90, 365};
  private static final int NEAR_FREQUENCY_DAYS = 7;
  private static final double MAX_RATIO = 50;

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
    return FeatureColumns.SCHEMA;
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
    float[] shared = new float[FeatureColumns.SCHEMA.size()];
    claimFeatures(context, shared, lines.size());
    repeatFeatures(context, lines, shared);
    PackageIndex.BundleUse bundle = packageIndex(scheme).use(lines);
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
   * within {@value FeatureColumns#REPEAT_DAYS} days, by the ledger): the share of lines repeating it and how many
   * days before it was; share 0 and {@value FeatureColumns#REPEAT_DAYS} + 1 days when none. One ledger lookup per
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

}
