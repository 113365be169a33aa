package io.arbiter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arbiter.json.Json;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.CeilingExclusion;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.Limitation;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.Membership;
import io.arbiter.scheme.PackageType;
import io.arbiter.scheme.Policy;
import io.arbiter.scheme.PolicyStage;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.Product;
import io.arbiter.scheme.ProductLine;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSchemeTest {
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate END = LocalDate.of(2026, 12, 31);
  private static SchemeDocument demo;

  @BeforeAll
  static void generate() {
    demo = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
  }

  @Test
  void generate_sameSeed_serialisesToIdenticalJson() throws IOException {
    byte[] again = Json.mapper().writeValueAsBytes(DemoScheme.generate(DemoScheme.DEFAULT_SEED));

    assertThat(again).isEqualTo(Json.mapper().writeValueAsBytes(demo));
  }

  @Test
  void generate_differentSeed_drawsAnotherPopulationOverTheSameCatalogue() {
    SchemeDocument other = DemoScheme.generate(DemoScheme.DEFAULT_SEED + 1);

    assertThat(other.insurees()).isNotEqualTo(demo.insurees());
    assertThat(other.policies()).isNotEqualTo(demo.policies());
    assertThat(other.items()).isEqualTo(demo.items());
    assertThat(other.products()).isEqualTo(demo.products());
  }

  @Test
  void generate_defaultSeed_loadsAsSnapshot() {
    SchemeSnapshot snapshot = SchemeSnapshot.of(demo, "demo");

    assertThat(snapshot.counts()).containsEntry("insurees", DemoOptions.DEFAULT_INSUREES)
        .containsEntry("healthFacilities", 15).containsEntry("products", 3).containsEntry("vouchers", 10);
  }

  @Test
  void generate_manySeedsAndSizes_alwaysLoad() {
    for (long seed = 0; seed < 5; seed++) {
      SchemeDocument doc = DemoScheme.generate(new DemoOptions().setSeed(seed).setInsurees(1 + 397 * (int) seed));
      assertThat(SchemeSnapshot.of(doc, "s" + seed).counts()).containsEntry("insurees", 1 + 397 * (int) seed);
    }
  }

  @Test
  void setInsurees_belowOne_isRefused() {
    assertThatThrownBy(() -> new DemoOptions().setInsurees(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generate_options_areCopiedNotKept() {
    DemoOptions options = new DemoOptions().setInsurees(50);
    SchemeDocument doc = DemoScheme.generate(options);
    options.setInsurees(60);

    assertThat(doc.insurees()).hasSize(50);
  }

  @Test
  void generate_registers_haveTheRegisterSizesPromised() {
    assertThat(demo.items()).hasSizeBetween(55, 70);
    assertThat(demo.services().stream().map(MedicalService::code).distinct()).hasSizeBetween(55, 70);
    assertThat(demo.diagnoses()).hasSizeBetween(200, 400);
    assertThat(demo.diagnoses()).extracting(Diagnosis::code).allMatch(code -> code.matches("[A-Z][0-9][0-9A-Z]"))
        .doesNotHaveDuplicates();
    assertThat(demo.items()).extracting(MedicalItem::type).containsOnly("D", "M").contains("D", "M");
    assertThat(demo.items()).extracting(MedicalItem::name).contains("PARACETAMOL 500MG TABLETS");
  }

  @Test
  void generate_facilities_areTwoHospitalsFiveHealthCentresEightDispensaries() {
    Map<String, Long> byLevel = demo.healthFacilities().stream()
        .collect(Collectors.groupingBy(HealthFacility::level, Collectors.counting()));
    assertThat(byLevel).containsExactlyInAnyOrderEntriesOf(Map.of("H", 2L, "C", 5L, "D", 8L));
    assertThat(demo.healthFacilities()).filteredOn(f -> f.level().equals("H"))
        .extracting(HealthFacility::careType).containsOnly(CareType.B);
    assertThat(demo.healthFacilities()).filteredOn(f -> f.level().equals("C"))
        .extracting(HealthFacility::careType).containsOnly(CareType.B, CareType.O).contains(CareType.B, CareType.O);
    assertThat(demo.healthFacilities()).filteredOn(f -> f.level().equals("D"))
        .extracting(HealthFacility::careType).containsOnly(CareType.O);
  }

  @Test
  void generate_priceLists_listLessAtLowerLevelsAndOverrideSomePrices() {
    SchemeSnapshot s = SchemeSnapshot.of(demo, "demo");
    HealthFacility hospital = s.facility("H001");
    HealthFacility dispensary = s.facility("D001");
    LocalDate day = LocalDate.of(2026, 6, 1);

    assertThat(s.priceListEntry(hospital.servicesPriceList(), "XCHEST", day)).isNotNull();
    assertThat(s.priceListEntry(dispensary.servicesPriceList(), "XCHEST", day)).isNull();
    assertThat(s.priceListEntry(dispensary.servicesPriceList(), "OPD1", day)).isNotNull();
    assertThat(demo.priceLists()).flatExtracting(l -> l.entries())
        .extracting(PriceListEntry::priceOverride).filteredOn(p -> p != null).hasSizeGreaterThan(10);
  }

  @Test
  void generate_services_coverEveryCategoryAndPackageType() {
    assertThat(demo.services()).extracting(MedicalService::category)
        .contains("S", "D", "A", "H", "C", "O", "V", null);
    assertThat(demo.services()).extracting(MedicalService::packageType)
        .contains(PackageType.S, PackageType.F, PackageType.P);
    assertThat(demo.services()).extracting(MedicalService::name)
        .contains("OUTPATIENT CONSULTATION, GENERAL", "NORMAL DELIVERY", "CAESAREAN SECTION PACKAGE");
  }

  @Test
  void generate_registers_haveSexAndAgeSpecificMasks() {
    Map<String, Integer> masks = registers().collect(Collectors.toMap(RegisterEntry::code,
        RegisterEntry::patientCategory, (a, b) -> a));

    assertThat(masks).containsEntry("DELN", 14).containsEntry("ANC1", 14)
        .containsEntry("TURP", 13).containsEntry("CIRCN", 9).containsEntry("VHPV", 10)
        .containsEntry("VMR", 11).containsEntry("CHKUP", 7).containsEntry("PCM500T", 15);
    assertThat(masks.values()).contains(5, 6);
  }

  @Test
  void generate_registers_haveCareTypesFrequenciesAndAHistoricalVersion() {
    assertThat(registers()).extracting(RegisterEntry::careType).contains(CareType.I, CareType.O, CareType.B);
    Map<String, Integer> frequency = registers().collect(Collectors.toMap(RegisterEntry::code,
        RegisterEntry::frequency, (a, b) -> a));
    assertThat(frequency).containsEntry("ANCF", 28).containsEntry("CHKUP", 365).containsEntry("SPECT", 730);

    SchemeSnapshot s = SchemeSnapshot.of(demo, "demo");
    assertThat(s.service("OPD1", LocalDate.of(2025, 12, 31)).price()).isLessThan(s.service("OPD1", START).price());
    assertThat(demo.services()).filteredOn(v -> v.validTo() == null).hasSize(
        (int) demo.services().stream().map(MedicalService::code).distinct().count());
  }

  @Test
  void generate_products_areOneCoInsuranceAndOneFixedAmount() {
    Product co = product("CHF-CO");
    Product fixed = product("CHF-FIX");

    assertThat(lines(co)).extracting(ProductLine::limitationType).containsOnly(Limitation.C);
    assertThat(co.services()).filteredOn(l -> l.code().equals("LMRDT"))
        .extracting(ProductLine::limitAdult).singleElement().satisfies(v -> assertThat(v).isEqualByComparingTo("80"));
    assertThat(lines(fixed)).extracting(ProductLine::limitationType).containsOnly(Limitation.F);
    assertThat(lines(fixed)).extracting(ProductLine::limitAdult).allMatch(a -> a.signum() >= 0)
        .anyMatch(a -> a.signum() > 0).anyMatch(a -> a.signum() == 0);
  }

  @Test
  void generate_products_haveWaitingPeriodsLimitsAndExclusions() {
    for (Product p : List.of(product("CHF-CO"), product("CHF-FIX"))) {
      assertThat(line(p, "DELN").waitingPeriodAdult()).as(p.code()).isEqualTo(9);
      assertThat(lines(p)).as(p.code()).anyMatch(l -> l.limitNoAdult() != null);
      assertThat(lines(p)).as(p.code()).anyMatch(l -> l.ceilingExclusionAdult() == CeilingExclusion.B);
      assertThat(p.threshold()).as(p.code()).isNotNull();
      assertThat(Stream.of(p.maxPolicyExtraMember(), p.maxPolicyExtraMemberIP(), p.maxPolicyExtraMemberOP()))
          .as(p.code()).anyMatch(v -> v != null);
      assertThat(Stream.of(p.maxCeilingPolicy(), p.maxCeilingPolicyIP(), p.maxCeilingPolicyOP()))
          .as(p.code()).anyMatch(v -> v != null);
      assertThat(Stream.of(p.maxNoConsultation(), p.maxNoHospitalization(), p.maxNoDelivery(), p.maxNoAntenatal()))
          .as(p.code()).allMatch(v -> v != null);
      assertThat(Stream.of(p.maxAmountSurgery(), p.maxAmountDelivery(), p.maxAmountHospitalization()))
          .as(p.code()).allMatch(v -> v != null);
    }
    Product co = product("CHF-CO");
    assertThat(Stream.of(co.dedIPPolicy(), co.dedOPPolicy(), co.maxPolicy())).allMatch(v -> v != null);
    Product fixed = product("CHF-FIX");
    assertThat(Stream.of(fixed.dedIPTreatment(), fixed.dedOPTreatment(), fixed.maxIPPolicy(), fixed.maxOPPolicy()))
        .allMatch(v -> v != null);
  }

  @Test
  void generate_insurees_liveInFamiliesOfOneToEightWithNineDigitIds() {
    Map<String, Long> sizes = demo.insurees().stream()
        .collect(Collectors.groupingBy(Insuree::familyId, Collectors.counting()));

    assertThat(sizes.values()).allMatch(n -> n >= 1 && n <= 8).contains(1L, 8L);
    assertThat(demo.insurees()).extracting(Insuree::chfId).allMatch(id -> id.matches("[1-9][0-9]{8}"));
    long women = demo.insurees().stream().filter(i -> i.gender() == io.arbiter.scheme.Gender.F).count();
    assertThat(women).isBetween(1200L, 1800L);
    long children = demo.insurees().stream().filter(i -> i.dob().isAfter(START.minusYears(18))).count();
    assertThat(children).isBetween(900L, 1800L);
  }

  @Test
  void generate_policies_mostlyCover2026WithSomeNewExpiredAndIdle() {
    List<Policy> policies = demo.policies();
    long wholeYear = policies.stream().filter(p -> p.status() == Policy.STATUS_ACTIVE
        && START.equals(p.effectiveDate()) && END.equals(p.expiryDate())).count();

    assertThat(wholeYear).isGreaterThan(policies.size() * 3L / 4);
    assertThat(policies).anyMatch(p -> p.stage() == PolicyStage.N && p.effectiveDate() != null
        && p.effectiveDate().isAfter(START));
    assertThat(policies).anyMatch(p -> p.stage() == PolicyStage.R);
    assertThat(policies).anyMatch(p -> p.status() == Policy.STATUS_EXPIRED);
    assertThat(policies).extracting(Policy::productCode).contains("CHF-CO", "CHF-FIX");
    Set<String> families = demo.families().stream().map(f -> f.id()).collect(Collectors.toSet());
    assertThat(policies).extracting(Policy::familyId).containsAll(families);
  }

  @Test
  void generate_memberships_coverEveryMemberOfTheFamilyPolicy() {
    Map<String, Policy> byId = demo.policies().stream().collect(Collectors.toMap(Policy::id, Function.identity()));
    Map<String, List<Membership>> byInsuree = demo.memberships().stream()
        .collect(Collectors.groupingBy(Membership::chfId));
    long withoutMembership = demo.insurees().stream().filter(i -> !byInsuree.containsKey(i.chfId())).count();

    assertThat(withoutMembership).isLessThan(10);
    assertThat(demo.memberships()).allMatch(m -> {
      Policy p = byId.get(m.policyId());
      return p.expiryDate().equals(m.expiryDate())
          && (p.effectiveDate() == null || !m.effectiveDate().isBefore(p.effectiveDate()));
    });
  }

  @Test
  void generate_diagnoses_allAppearInTheSharedOpenImisRegister() throws IOException {
    Path register = Path.of("..", "..", "shared", "data", "openimis", "registers", "diagnoses.csv");
    Assumptions.assumeTrue(Files.isRegularFile(register),
        "skipped: " + register.toAbsolutePath().normalize() + " is absent (shared data is optional)");
    Set<String> known;
    try (Stream<String> lines = Files.lines(register)) {
      known = lines.skip(1).map(l -> l.substring(0, l.indexOf(','))).collect(Collectors.toSet());
    }

    assertThat(known).containsAll(demo.diagnoses().stream().map(Diagnosis::code).toList());
  }

  private static Stream<RegisterEntry> registers() {
    return Stream.concat(demo.items().stream(), demo.services().stream());
  }

  private static Product product(String code) {
    return demo.products().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
  }

  private static List<ProductLine> lines(Product p) {
    return Stream.concat(p.items().stream(), p.services().stream()).toList();
  }

  private static ProductLine line(Product p, String code) {
    return lines(p).stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void generate_packagesOfBothTypesAndAMonthlyLimit() {
    assertThat(demo.services()).anySatisfy(s -> {
      assertThat(s.packageType()).isEqualTo(io.arbiter.scheme.PackageType.P);
      assertThat(s.packageContents().services()).isNotEmpty();
    });
    assertThat(demo.services())
        .anySatisfy(s -> assertThat(s.packageType()).isEqualTo(io.arbiter.scheme.PackageType.F));
    assertThat(demo.products()).flatMap(p -> p.services()).flatMap(l -> l.windowLimits())
        .containsExactly(new io.arbiter.scheme.WindowLimit("MONTH", 4, 4));
  }
}
