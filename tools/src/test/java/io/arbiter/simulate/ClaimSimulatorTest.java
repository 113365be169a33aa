package io.arbiter.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.json.Json;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageType;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimSimulatorTest {
  private static final RuleSet RULES = RuleSet.fromClasspath();
  private static final int CLAIMS = 20_000;
  private static List<TrainingRecord> records;
  private static SchemeSnapshot scheme;
  private static long refused;

  @BeforeAll
  static void simulate() {
    ClaimSimulator.Run run = new ClaimSimulator(new SimulatorOptions().setClaims(CLAIMS), RULES).run();
    records = new ArrayList<>();
    run.forEachRemaining(records::add);
    refused = run.refused();
    scheme = SchemeSnapshot.of(run.scheme(), "test");
  }

  /** Calls {@code each} with every line (as its decision) that carries {@code pattern}, and its record. */
  private static int forEachPlanted(String pattern, BiConsumer<TrainingRecord, LineDecision> each) {
    int n = 0;
    for (TrainingRecord r : records) {
      for (int i = 0; i < r.truth().items().size(); i++) {
        if (r.truth().items().get(i).equals(pattern)) {
          each.accept(r, r.decision().items().get(i));
          n++;
        }
      }
      for (int i = 0; i < r.truth().services().size(); i++) {
        if (r.truth().services().get(i).equals(pattern)) {
          each.accept(r, r.decision().services().get(i));
          n++;
        }
      }
    }
    return n;
  }

  private static BigDecimal listPrice(Claim claim, LineKind kind, String code) {
    HealthFacility f = scheme.facility(claim.healthFacility());
    PriceListEntry e = scheme.priceListEntry(kind == LineKind.ITEM ? f.itemsPriceList() : f.servicesPriceList(), code,
        claim.targetDate());
    return e != null && e.priceOverride() != null ? e.priceOverride() : scheme.register(kind, code, claim.targetDate()).price();
  }

  @Test
  void run_writesEveryClaimInDecisionOrderOnItsClaimDate() {
    assertThat(refused).isZero();
    assertThat(records).hasSize(CLAIMS);
    assertThat(records).extracting(r -> r.claim().code()).doesNotHaveDuplicates();
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).decision().decidedAt()).isAfterOrEqualTo(records.get(i - 1).decision().decidedAt());
    }
    assertThat(records).allSatisfy(r -> {
      assertThat(r.decision().decidedAt().atZone(ZoneOffset.UTC).toLocalDate()).isEqualTo(r.claim().dateClaimed());
      assertThat(r.truth().items()).hasSameSizeAs(r.claim().items());
      assertThat(r.truth().services()).hasSameSizeAs(r.claim().services());
      assertThat(r.insuree().chfId()).isEqualTo(r.claim().chfId());
    });
    assertThat(records.stream().filter(r -> r.decision().status() == ClaimStatus.CHECKED).count())
        .as("most claims pass the rules").isGreaterThan(CLAIMS / 2);
  }

  @Test
  void run_plantsEveryPatternInAboutSixPercentOfLines() {
    long lines = records.stream().mapToLong(r -> r.claim().items().size() + r.claim().services().size()).sum();
    long abused = 0;
    for (String pattern : AbusePatterns.ALL) {
      int n = forEachPlanted(pattern, (r, l) -> { });
      assertThat(n).as(pattern).isGreaterThanOrEqualTo(40);
      abused += n;
    }
    assertThat((double) abused / lines).isBetween(0.04, 0.10);
  }

  @Test
  void inflatedQuantity_isAtLeastThreeTimesTheCodesUsualQuantity() {
    Map<String, double[]> normal = new HashMap<>();
    for (TrainingRecord r : records) {
      for (int i = 0; i < r.claim().items().size(); i++) {
        if (r.truth().items().get(i).equals(TrainingRecord.NORMAL)) {
          double[] sum = normal.computeIfAbsent(r.claim().items().get(i).itemCode(), c -> new double[2]);
          sum[0] += r.claim().items().get(i).qtyProvided().doubleValue();
          sum[1]++;
        }
      }
    }
    List<String> facilities = new ArrayList<>();
    int checked = forEachPlanted(AbusePatterns.INFLATED_QUANTITY, (r, line) -> {
      facilities.add(r.claim().healthFacility());
      double[] usual = normal.get(line.itemCode());
      if (usual != null && usual[1] >= 30) {
        assertThat(line.qtyProvided().doubleValue()).as(line.itemCode()).isGreaterThanOrEqualTo(3 * usual[0] / usual[1]);
      }
    });
    assertThat(checked).isPositive();
    assertThat(facilities.stream().distinct().count()).as("a few bad facilities").isEqualTo(2);
  }

  @Test
  void justOutsideFrequency_followsTheLastProvisionByFrequencyPlusOneToSevenDays() {
    Map<String, TreeSet<LocalDate>> provided = new HashMap<>();
    int[] planted = new int[2];
    for (TrainingRecord r : records) {
      List<String> truths = new ArrayList<>(r.truth().items());
      truths.addAll(r.truth().services());
      List<LineDecision> lines = new ArrayList<>(r.decision().items());
      lines.addAll(r.decision().services());
      LocalDate target = r.claim().targetDate();
      for (int i = 0; i < lines.size(); i++) {
        LineDecision line = lines.get(i);
        LineKind kind = line.itemCode() != null ? LineKind.ITEM : LineKind.SERVICE;
        String code = kind == LineKind.ITEM ? line.itemCode() : line.serviceCode();
        String key = r.claim().chfId() + "|" + kind + "|" + code;
        if (truths.get(i).equals(AbusePatterns.JUST_OUTSIDE_FREQUENCY)) {
          RegisterEntry entry = scheme.register(kind, code, target);
          int f = entry instanceof MedicalItem m ? m.frequency() : ((MedicalService) entry).frequency();
          assertThat(f).isPositive();
          LocalDate last = provided.getOrDefault(key, new TreeSet<>()).floor(target);
          assertThat(last).as(code).isNotNull();
          assertThat(ChronoUnit.DAYS.between(last, target)).as(code).isBetween(f + 1L, f + 7L);
          planted[0]++;
          planted[1] += line.status() == LineStatus.PASSED ? 1 : 0;
        }
      }
      if (r.decision().status() == ClaimStatus.CHECKED) {
        for (LineDecision line : lines) {
          if (line.status() == LineStatus.PASSED) {
            String key = r.claim().chfId() + "|" + (line.itemCode() != null ? LineKind.ITEM + "|" + line.itemCode()
                : LineKind.SERVICE + "|" + line.serviceCode());
            provided.computeIfAbsent(key, k -> new TreeSet<>()).add(target);
          }
        }
      }
    }
    assertThat(planted[0]).isGreaterThanOrEqualTo(40);
    assertThat((double) planted[1] / planted[0]).as("the frequency rule lets them through").isGreaterThan(0.8);
  }

  @Test
  void priceAboveList_asksTwoToFiveTimesTheFacilitysPrice() {
    forEachPlanted(AbusePatterns.PRICE_ABOVE_LIST, (r, line) -> {
      LineKind kind = line.itemCode() != null ? LineKind.ITEM : LineKind.SERVICE;
      BigDecimal list = listPrice(r.claim(), kind, kind == LineKind.ITEM ? line.itemCode() : line.serviceCode());
      assertThat(line.priceAsked().doubleValue() / list.doubleValue()).isBetween(1.99, 5.01);
    });
  }

  @Test
  void upcoding_claimsAPricierServiceOfTheSameCategory() {
    forEachPlanted(AbusePatterns.UPCODING, (r, line) -> {
      MedicalService s = scheme.service(line.serviceCode(), r.claim().targetDate());
      BigDecimal cheapest = scheme.document().services().stream()
          .filter(o -> o.validTo() == null && s.category().equals(o.category()) && o.packageType() == PackageType.S)
          .map(MedicalService::price).min(BigDecimal::compareTo).orElseThrow();
      assertThat(s.price()).isGreaterThan(cheapest);
      assertThat(line.priceAsked()).isEqualByComparingTo(listPrice(r.claim(), LineKind.SERVICE, s.code()));
    });
  }

  @Test
  void unbundling_claimsThePackagesPartsWithoutThePackageForAWoman() {
    MedicalService pack = scheme.service(ServicePatterns.UNBUNDLED_PACKAGE, LocalDate.of(2026, 6, 1));
    List<String> parts = new ArrayList<>();
    pack.packageContents().items().forEach(p -> parts.add(p.code()));
    pack.packageContents().services().forEach(p -> parts.add(p.code()));
    int claims = 0;
    for (TrainingRecord r : records) {
      if (!r.truth().services().contains(AbusePatterns.UNBUNDLING)) {
        continue;
      }
      claims++;
      List<String> codes = new ArrayList<>();
      r.claim().items().forEach(i -> codes.add(i.itemCode()));
      r.claim().services().forEach(s -> codes.add(s.serviceCode()));
      assertThat(codes).containsExactlyInAnyOrderElementsOf(parts).doesNotContain(pack.code());
      assertThat(r.insuree().gender()).isEqualTo(Gender.F);
    }
    assertThat(claims).isPositive();
  }

  @Test
  void implausibleForDiagnosis_isFiledUnderAnotherChapterWhileNormalLinesMatchTheirs() {
    forEachPlanted(AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS, (r, line) -> {
      char bound = SimulatedScheme.BOUND_SERVICES.get(line.serviceCode());
      assertThat(r.claim().icd().charAt(0)).isNotEqualTo(bound);
      assertThat(r.claim().icd1()).isNull();
    });
    forEachPlanted(TrainingRecord.NORMAL, (r, line) -> {
      Character bound = line.serviceCode() == null ? null : SimulatedScheme.BOUND_SERVICES.get(line.serviceCode());
      if (bound != null) {
        assertThat(List.of(r.claim().icd().charAt(0), r.claim().icd1() == null ? ' ' : r.claim().icd1().charAt(0)))
            .as(line.serviceCode()).contains(bound);
      }
    });
  }

  @Test
  void familyBurst_putsFourOrMoreClaimsOfOneFamilyWithinThreeDays() {
    Map<String, List<TrainingRecord>> byFamily = new HashMap<>();
    for (TrainingRecord r : records) {
      if (!r.truth().items().isEmpty() ? r.truth().items().get(0).equals(AbusePatterns.FAMILY_BURST)
          : r.truth().services().get(0).equals(AbusePatterns.FAMILY_BURST)) {
        byFamily.computeIfAbsent(r.insuree().familyId(), f -> new ArrayList<>()).add(r);
      }
    }
    assertThat(byFamily).isNotEmpty();
    byFamily.values().forEach(claims -> {
      assertThat(claims.size()).isGreaterThanOrEqualTo(4);
      assertThat(claims.stream().filter(c -> claims.stream().filter(o ->
          Math.abs(ChronoUnit.DAYS.between(o.claim().dateFrom(), c.claim().dateFrom())) <= 2).count() >= 4).count())
          .as("claims with three more of the family within three days").isGreaterThanOrEqualTo(4);
    });
  }

  @Test
  void review_coversAboutFifteenPercentOfCheckedClaimsCostlyOnesMoreOften() {
    List<TrainingRecord> checked = records.stream()
        .filter(r -> r.decision().status() == ClaimStatus.CHECKED).toList();
    List<TrainingRecord> reviewed = checked.stream().filter(r -> r.review() != null).toList();
    assertThat((double) reviewed.size() / checked.size()).isCloseTo(0.15, within(0.025));
    assertThat(records.stream().filter(r -> r.decision().status() != ClaimStatus.CHECKED)
        .allMatch(r -> r.review() == null)).isTrue();
    double reviewedMean = reviewed.stream().mapToDouble(r -> r.decision().claimed().doubleValue()).average().orElseThrow();
    double allMean = checked.stream().mapToDouble(r -> r.decision().claimed().doubleValue()).average().orElseThrow();
    assertThat(reviewedMean).isGreaterThan(1.3 * allMean);
  }

  /** Per line, items then services: the reviewer's outcome; null when the line has none. */
  private static List<TrainingRecord.LineOutcome> outcomes(TrainingRecord r) {
    List<TrainingRecord.LineOutcome> all = new ArrayList<>();
    for (List<LineDecision> lines : List.of(r.decision().items(), r.decision().services())) {
      List<TrainingRecord.LineOutcome> given = r.review() == null ? List.of()
          : lines == r.decision().items() ? r.review().items() : r.review().services();
      for (LineDecision line : lines) {
        all.add(given.stream().filter(o -> o.lineNo() == line.lineNo()).findFirst().orElse(null));
      }
    }
    return all;
  }

  @Test
  void labels_mostlyFlagAbusedLinesAndRarelyNormalOnes() {
    long[] abused = new long[2];
    long[] normal = new long[2];
    for (TrainingRecord r : records) {
      List<Boolean> labels = outcomes(r).stream()
          .map(o -> o == null ? null : !TrainingRecord.ACCEPTED.equals(o.outcome())).toList();
      List<String> truths = new ArrayList<>(r.truth().items());
      truths.addAll(r.truth().services());
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i) != null) {
          long[] bucket = truths.get(i).equals(TrainingRecord.NORMAL) ? normal : abused;
          bucket[0]++;
          bucket[1] += labels.get(i) ? 1 : 0;
        }
      }
    }
    assertThat(abused[0]).isGreaterThan(100);
    assertThat((double) abused[1] / abused[0]).isCloseTo(0.85 * 0.99 + 0.15 * 0.01, within(0.06));
    assertThat((double) normal[1] / normal[0]).isCloseTo(0.03 * 0.99 + 0.97 * 0.01, within(0.012));
  }

  /**
   * Issue 16 §2: a line is a positive only when the review took value off it. A price asked above
   * the list, which the rules already cut to the list price, is flagged by the reviewer but changes
   * nothing payable: it must not teach the model that such lines are where the money is.
   */
  @Test
  void labels_positiveOnlyWhenTheReviewTookValueOff() {
    long flaggedForNothing = 0;
    for (TrainingRecord r : records) {
      List<Boolean> labels = r.labels();
      List<TrainingRecord.LineOutcome> outcomes = outcomes(r);
      for (int i = 0; i < labels.size(); i++) {
        TrainingRecord.LineOutcome o = outcomes.get(i);
        if (labels.get(i) == null) {
          continue;
        }
        boolean tookValueOff = !TrainingRecord.ACCEPTED.equals(o.outcome()) && o.adjustedValue().signum() > 0;
        assertThat(labels.get(i)).isEqualTo(tookValueOff);
        assertThat(o.approvedValue()).as("the outcome carries the approved value").isNotNull();
        flaggedForNothing += !TrainingRecord.ACCEPTED.equals(o.outcome()) && !tookValueOff ? 1 : 0;
      }
    }
    assertThat(flaggedForNothing).as("flagged lines whose cut is 0 exist and are negatives").isPositive();
  }

  @Test
  void adjustedValue_isWhatTheReviewerTookOffTheLine() {
    int rejected = 0;
    for (TrainingRecord r : records) {
      if (r.review() == null) {
        continue;
      }
      List<LineDecision> lines = new ArrayList<>(r.decision().items());
      lines.addAll(r.decision().services());
      List<TrainingRecord.LineOutcome> outcomes = new ArrayList<>(r.review().items());
      outcomes.addAll(r.review().services());
      assertThat(outcomes).hasSize((int) lines.stream().filter(l -> l.status() == LineStatus.PASSED).count());
      for (TrainingRecord.LineOutcome o : outcomes) {
        LineDecision line = lines.stream().filter(l -> l.lineNo() == o.lineNo()
            && (r.review().items().contains(o) == (l.itemCode() != null))).findFirst().orElseThrow();
        BigDecimal value = line.qtyApproved().multiply(line.priceAdjusted());
        assertThat(o.adjustedValue()).isBetween(BigDecimal.ZERO, value.setScale(2, java.math.RoundingMode.HALF_UP));
        switch (o.outcome()) {
          case TrainingRecord.ACCEPTED -> assertThat(o.adjustedValue()).isZero();
          case TrainingRecord.REJECTED -> {
            assertThat(o.adjustedValue()).isEqualByComparingTo(value);
            rejected++;
          }
          default -> assertThat(o.outcome()).isEqualTo(TrainingRecord.ADJUSTED);
        }
      }
    }
    assertThat(rejected).isPositive();
  }

  @Test
  void write_sameSeedGivesTheSameBytesAndAnotherSeedOthers(@TempDir Path dir) throws Exception {
    SimulatorOptions options = new SimulatorOptions().setClaims(1000);
    Path a = dir.resolve("a.ndjson");
    Path b = dir.resolve("b.ndjson");
    Path c = dir.resolve("c.ndjson");
    ClaimSimulator.Summary summary = new ClaimSimulator(options, RULES).write(a);
    new ClaimSimulator(options, RULES).write(b);
    new ClaimSimulator(options.setSeed(7), RULES).write(c);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    assertThat(summary.claims()).isEqualTo(1000);
    assertThat(Files.readAllLines(a)).hasSize(1001);
  }

  @Test
  void write_recordsReadBackAndTheHeaderLoadsWithoutPopulation(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sim.ndjson");
    ClaimSimulator simulator = new ClaimSimulator(new SimulatorOptions().setClaims(500).setSeed(11), RULES);
    ClaimSimulator.Summary summary = simulator.write(file);
    List<TrainingRecord> expected = new ArrayList<>();
    simulator.run().forEachRemaining(expected::add);
    try (TrainingData.Reader reader = new TrainingData.Reader(file)) {
      assertThat(reader.header().source()).isEqualTo("simulator seed=11 claims=500");
      assertThat(reader.header().scheme().insurees()).isEmpty();
      assertThat(reader.header().scheme().policies()).isEmpty();
      assertThat(reader.header().scheme().items()).isNotEmpty();
      assertThat(SchemeSnapshot.of(reader.header().scheme(), "header").codes(LineKind.SERVICE)).contains("ANCPK");
      List<TrainingRecord> read = new ArrayList<>();
      reader.forEachRemaining(read::add);
      assertThat(read).hasSize(expected.size());
      for (int i = 0; i < read.size(); i++) {
        assertThat(Json.mapper().writeValueAsString(read.get(i)))
            .isEqualTo(Json.mapper().writeValueAsString(expected.get(i)));
        assertThat(read.get(i).labels()).isEqualTo(expected.get(i).labels());
      }
    }
    long labelled = expected.stream().flatMap(r -> r.labels().stream()).filter(java.util.Objects::nonNull).count();
    assertThat(summary.labelledLines()).isEqualTo(labelled);
    assertThat(summary.reviewedClaims()).isEqualTo(expected.stream().filter(r -> r.review() != null).count());
  }

  @Test
  void options_refuseSharesAboveOne() {
    SimulatorOptions options = new SimulatorOptions();
    AbusePatterns.ALL.forEach(p -> options.setAbuseShare(p, 0.2));
    assertThatThrownBy(() -> new ClaimSimulator(options, RULES)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setAbuseShare("nonsense", 0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> options.setReviewShare(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutAbuse_plantsNothing() {
    ClaimSimulator.Run run = new ClaimSimulator(new SimulatorOptions().setClaims(300).withoutAbuse(), RULES).run();
    run.forEachRemaining(r -> assertThat(r.truth().items()).allMatch(TrainingRecord.NORMAL::equals));
  }
}
