package io.arbiter.engine;

import static io.arbiter.engine.TestClaim.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.claim.ClaimDecision;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.ClaimContext;
import io.arbiter.scoring.FeatureExtractor;
import io.arbiter.scoring.FeatureSchema;
import io.arbiter.scoring.HistoryReplay;
import io.arbiter.scoring.Reasons;
import io.arbiter.scoring.ReferenceStats;
import io.arbiter.scoring.RiskScorer;
import io.arbiter.scoring.ScoredClaim;
import io.arbiter.scoring.TrainingRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The features of a line, computed inside adjudication (through the {@link RiskScorer} hook, as
 * serving does) and by {@link HistoryReplay} (as training does).
 */
class FeatureExtractorTest {
  private static final FeatureSchema SCHEMA = FeatureExtractor.schema();

  /** Captures the rows the extractor gives for each adjudicated claim, and scores nothing. */
  private static final class Capture implements RiskScorer {
    final FeatureExtractor extractor;
    final List<float[][]> rows = new ArrayList<>();

    Capture(FeatureExtractor extractor) {
      this.extractor = extractor;
    }

    @Override
    public ScoredClaim score(ClaimContext context) {
      rows.add(extractor.extract(context));
      return new ScoredClaim(null, List.of(), List.of());
    }

    @Override
    public String modelVersion() {
      return "capture";
    }

    float[] lastRow(int line) {
      return rows.get(rows.size() - 1)[line];
    }
  }

  private static float value(float[] row, String name) {
    int i = SCHEMA.indexOf(name);
    assertThat(i).as("feature %s", name).isNotNegative();
    return row[i];
  }

  private static Arbiter arbiter(TestScheme scheme, Capture capture) {
    return Arbiter.builder().rules(TestScheme.rules()).scheme(scheme.document()).scorer(capture).build();
  }

  @Test
  void schema_isSortedDistinctAndVersioned() {
    assertThat(SCHEMA.names()).isSorted().doesNotHaveDuplicates();
    assertThat(SCHEMA.version()).isEqualTo(FeatureExtractor.VERSION);
    assertThat(SCHEMA.names()).contains("code_hash_00", "code_hash_31", "dx_chapter_a", "dx_chapter_z",
        "price_ratio_log", "same_code_qty_365d_log");
    assertThat(FeatureSchema.groupOf("code_hash_07")).isEqualTo("code_hash");
    assertThat(FeatureSchema.groupOf("price_ratio_log")).isEqualTo("price_ratio_log");
  }

  @Test
  void extract_priceQuantityAndClaimShape() {
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    arbiter(TestScheme.base(), capture).claims().submit(claim().on("2026-06-01").claimed("2026-06-04").visit("E")
        .item("PARA", "4", "30").service("CONS", "1", "100").build());
    float[] item = capture.lastRow(0);
    assertThat(capture.rows.get(0)).hasNumberOfRows(2);
    assertThat(Math.exp(value(item, "price_ratio_log"))).as("30 asked, 10 listed").isCloseTo(3.0, within(1e-5));
    assertThat(Math.expm1(value(item, "quantity_log"))).isCloseTo(4.0, within(1e-5));
    assertThat(value(item, "line_service")).isZero();
    assertThat(value(capture.lastRow(1), "line_service")).isEqualTo(1f);
    assertThat(value(item, "claim_lines")).isEqualTo(2f);
    assertThat(value(item, "line_share")).as("120 of 220").isCloseTo(120f / 220f, within(1e-6f));
    assertThat(value(item, "days_to_claim")).isEqualTo(3f);
    assertThat(value(item, "visit_emergency")).isEqualTo(1f);
    assertThat(value(item, "age_years")).as("born 1980-06-15, seen 2026-06-01").isEqualTo(45f);
    assertThat(value(item, "facility_level_centre")).isEqualTo(1f);
    assertThat(value(item, "dx_chapter_a")).as("A00").isEqualTo(1f);
    float hashed = 0;
    for (int b = 0; b < 32; b++) {
      hashed += value(item, String.format("code_hash_%02d", b));
    }
    assertThat(hashed).as("exactly one code bucket").isEqualTo(1f);
    assertThat(Reasons.describe("price_ratio_log", item)).isEqualTo("price asked 3.0× the price list");
  }

  @ParameterizedTest(name = "earlier provision on {0}: 7-day window {1}, 30-day window {2}")
  @CsvSource({"2026-05-25, 2, 2", "2026-05-24, 0, 2", "2026-05-02, 0, 2", "2026-05-01, 0, 0"})
  void extract_historyWindowsIncludeTheirFirstDay(String earlier, int in7, int in30) {
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    Arbiter arbiter = arbiter(TestScheme.base(), capture);
    arbiter.claims().submit(claim().on(earlier).item("AMOX", "2", "25").build());
    arbiter.claims().submit(claim().on("2026-06-01").item("AMOX", "1", "25").build());
    float[] row = capture.lastRow(0);
    assertThat(Math.expm1(value(row, "same_code_qty_7d_log"))).isCloseTo(in7, within(1e-5));
    assertThat(Math.expm1(value(row, "same_code_qty_30d_log"))).isCloseTo(in30, within(1e-5));
    assertThat(Math.expm1(value(row, "same_code_amount_30d_log"))).as("2 × 25 listed")
        .isCloseTo(in30 * 25, within(1e-3));
    assertThat(value(row, "claims_insuree_7d")).isEqualTo(in7 > 0 ? 1f : 0f);
  }

  @ParameterizedTest(name = "{0} days after the last provision, frequency 10: just after = {1}")
  @CsvSource({"9, 0", "10, 1", "17, 1", "18, 0"})
  void extract_justAfterFrequencyIsTheWeekAfterTheLimit(int days, int justAfter) {
    TestScheme scheme = TestScheme.base();
    scheme.item("AMOX").put("frequency", 10);
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    Arbiter arbiter = arbiter(scheme, capture);
    arbiter.claims().submit(claim().on("2026-05-01").item("AMOX", "1", "25").build());
    // CONS keeps the claim checked (and so scored) when frequency rejects AMOX at 9 days
    arbiter.claims().submit(claim().on(java.time.LocalDate.parse("2026-05-01").plusDays(days).toString())
        .item("AMOX", "1", "25").service("CONS", "1", "100").build());
    float[] row = capture.lastRow(0);
    assertThat(value(row, "just_after_frequency")).isEqualTo((float) justAfter);
    assertThat(value(row, "frequency_days")).isEqualTo(10f);
    assertThat(Math.expm1(value(row, "days_since_last_log"))).isCloseTo(days, within(1e-3));
  }

  @Test
  void extract_noEarlierProvisionReadsAsAYearAgo() {
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    arbiter(TestScheme.base(), capture).claims().submit(claim().item("AMOX", "1", "25").build());
    float[] row = capture.lastRow(0);
    assertThat(Math.expm1(value(row, "days_since_last_log"))).isCloseTo(366, within(1e-3));
    assertThat(value(row, "just_after_frequency")).isZero();
    assertThat(Reasons.describe("days_since_last_log", row)).as("nothing unusual in a first provision")
        .isNull();
  }

  /** Issue 16 §5: a feature without its translation would show a reviewer its raw name. */
  @Test
  void describe_everyFeatureGroupOfTheSchemaHasATranslation() {
    java.util.Set<String> groups = new java.util.TreeSet<>();
    SCHEMA.names().forEach(n -> groups.add(FeatureSchema.groupOf(n)));
    float[] row = new float[SCHEMA.size()];
    // A neutral line: no earlier provision, no repeated claim.
    row[SCHEMA.indexOf("days_since_last_log")] = (float) Math.log1p(366);
    row[SCHEMA.indexOf("repeat_claim_days")] = 15;
    for (String group : groups) {
      assertThat(Reasons.describedGroups()).as("translation of %s", group).contains(group);
      // Neutral values: nothing unusual, so no reason.
      assertThat(Reasons.describe(group, row)).as("%s on a neutral row", group).isNull();
    }
    assertThat(Reasons.describedGroups()).as("no translation of a group the schema lacks")
        .isEqualTo(groups);
  }

  /** Issue 16 §5: reasons say what is unusual with its numbers, in English ("1 day", "2nd visit"). */
  @ParameterizedTest(name = "{0} = {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "claims_insuree_7d | 1 | 2nd visit of the insuree in 7 days",
      "claims_insuree_7d | 2 | 3rd visit of the insuree in 7 days",
      "claims_insuree_30d | 10 | 11th visit of the insuree in 30 days",
      "claims_insuree_30d | 20 | 21st visit of the insuree in 30 days",
      "days_since_last_log | 0.6931472 | same provided to the insuree 1 day before",
      "days_since_last_log | 1.0986123 | same provided to the insuree 2 days before",
      "price_ratio_log | 1.6094379 | price asked 5.0× the price list",
      "same_code_qty_7d_log | 0.6931472 | 1 of the same provided to the insuree in the last 7 days"})
  void describe_givesTheNumbersWithRightPlurals(String group, float value, String expected) {
    float[] row = new float[SCHEMA.size()];
    row[SCHEMA.indexOf(group)] = value;
    assertThat(Reasons.describe(group, row)).isEqualTo(expected);
  }

  @Test
  void describe_aCategoryIsNeverAReason() {
    float[] row = new float[SCHEMA.size()];
    java.util.Arrays.fill(row, 1f);
    for (String group : List.of("code_hash", "dx_chapter", "facility_level_hospital", "line_service", "claim_lines",
        "frequency_days", "sex_female")) {
      assertThat(Reasons.describe(group, row)).as(group).isNull();
    }
  }

  /**
   * Issue 16 §4: a claim repeating an earlier claim's lines for the same insuree within 14 days
   * (counted by the ledger, both ends included) is what a re-submitted visit looks like.
   */
  @ParameterizedTest(name = "{0} days after: share {1}")
  @CsvSource({"5, 1.0", "14, 1.0", "15, 0.0"})
  void extract_repeatOfAnEarlierClaimWithin14Days(int days, float share) {
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    Arbiter arbiter = arbiter(TestScheme.base(), capture);
    arbiter.claims().submit(claim().code("FIRST").on("2026-05-01").item("AMOX", "1", "25").service("CONS", "1", "100").build());
    arbiter.claims().submit(claim().code("AGAIN").on(java.time.LocalDate.parse("2026-05-01").plusDays(days).toString())
        .item("AMOX", "1", "25").service("CONS", "1", "100").build());
    float[] row = capture.lastRow(0);
    assertThat(value(row, "repeat_claim_share")).isEqualTo(share);
    assertThat(value(row, "repeat_claim_days")).isEqualTo(share > 0 ? (float) days : 15f);
    if (share > 0) {
      assertThat(Reasons.describe("repeat_claim_share", row))
          .isEqualTo("2 of the claim's 2 lines repeat a claim of the insuree " + days + " days before");
    }
  }

  @Test
  void extract_packagePartsClaimedWithoutThePackage() {
    TestScheme scheme = TestScheme.base();
    scheme.addAncPackage();
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    Arbiter arbiter = arbiter(scheme, capture);
    arbiter.claims().submit(claim().insuree("112").item("PARA", "2", "10").item("AMOX", "1", "25")
        .service("LAB", "1", "150").build());
    assertThat(value(capture.lastRow(0), "bundle_parts_on_claim")).isEqualTo(2f);
    assertThat(value(capture.lastRow(0), "line_in_bundle")).as("PARA").isEqualTo(1f);
    assertThat(value(capture.lastRow(1), "line_in_bundle")).as("AMOX").isZero();
    assertThat(value(capture.lastRow(2), "line_in_bundle")).as("LAB").isEqualTo(1f);

    arbiter.claims().submit(claim().insuree("112").item("PARA", "2", "10").service("CONS", "1", "100").build());
    assertThat(value(capture.lastRow(0), "bundle_parts_on_claim")).as("one part alone").isZero();
  }

  @Test
  void extract_referenceStatsGiveFacilityAndCodeAggregates() {
    ReferenceStats stats = new ReferenceStats(
        Map.of("HF1", new ReferenceStats.FacilityStats(99, 2.0, 0.25, 1.5)), Map.of("I:PARA", 2.0),
        Map.of("I:PARA", 10, "S:CONS", 90), Map.of("a", 50, "b", 50), Map.of("I:PARA|b", 10, "S:CONS|a", 50), 100,
        Map.of("HF1|I:PARA", 3.0));
    Capture capture = new Capture(new FeatureExtractor(stats));
    arbiter(TestScheme.base(), capture).claims().submit(claim().item("PARA", "8", "10").build());
    float[] row = capture.lastRow(0);
    assertThat(Math.exp(value(row, "code_quantity_ratio_log"))).as("8 against a usual 2").isCloseTo(4, within(1e-5));
    assertThat(Math.expm1(value(row, "facility_claims_log"))).isCloseTo(99, within(1e-3));
    assertThat(Math.exp(value(row, "facility_price_ratio_log"))).isCloseTo(2, within(1e-5));
    assertThat(value(row, "facility_adjusted_rate")).isEqualTo(0.25f);
    assertThat(Math.exp(value(row, "facility_lines_ratio_log"))).isCloseTo(1.5, within(1e-5));
    assertThat(Math.exp(value(row, "facility_code_lift_log"))).isCloseTo(3, within(1e-5));
    assertThat(Reasons.describe("facility_code_lift_log", row))
        .isEqualTo("facility puts this on 3.0× as many claims as facilities of its level");
    assertThat(Math.exp(value(row, "dx_code_lift_log"))).as("PARA never seen with A: (0+1)/(10·50/100+1)")
        .isCloseTo(1.0 / 6, within(1e-5));
  }

  @Test
  void replay_givesTheRowsServingSaw() {
    TestScheme scheme = TestScheme.base();
    scheme.item("AMOX").put("frequency", 10);
    Capture capture = new Capture(new FeatureExtractor(ReferenceStats.EMPTY));
    Arbiter arbiter = arbiter(scheme, capture);
    SchemeSnapshot snapshot = SchemeSnapshot.of(scheme.document(), "replay");
    List<TrainingRecord> records = new ArrayList<>();
    String[] days = {"2026-03-01", "2026-03-05", "2026-03-12", "2026-03-13", "2026-04-20"};
    for (int i = 0; i < days.length; i++) {
      var claim = claim().insuree(i % 2 == 0 ? "111" : "112").on(days[i]).item("AMOX", "1", "25")
          .item("PARA", String.valueOf(i + 1), "12").service("CONS", "1", "100").build();
      ClaimDecision decision = arbiter.claims().submit(claim).decision();
      records.add(new TrainingRecord(claim, decision, snapshot.insuree(claim.chfId()), null, null));
    }
    HistoryReplay replay = new HistoryReplay(snapshot, new FeatureExtractor(ReferenceStats.EMPTY));
    for (int i = 0; i < records.size(); i++) {
      assertThat(replay.next(records.get(i))).as("claim %d", i).isDeepEqualTo(capture.rows.get(i));
    }
  }
}
