package io.arbiter.simulate;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageType;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The demo scheme as the simulator's generators see it: the facilities chosen to abuse, the
 * families, diagnoses by chapter, and the price and register look-ups. Shares the generators'
 * random stream. Single-threaded.
 */
final class SimulatedScheme {
  /** Services that go with one ICD-10 chapter only: pregnancy, eye, prostate, injury. */
  static final Map<String, Character> BOUND_SERVICES = Map.ofEntries(
      Map.entry("ANC1", 'O'), Map.entry("ANCF", 'O'), Map.entry("ANCUS", 'O'), Map.entry("ANCPK", 'O'),
      Map.entry("DELN", 'O'), Map.entry("DELPK", 'O'), Map.entry("DELAS", 'O'), Map.entry("DELCS", 'O'),
      Map.entry("PNC", 'O'), Map.entry("MVA", 'O'),
      Map.entry("CATAR", 'H'), Map.entry("REFRAC", 'H'), Map.entry("EYEC", 'H'),
      Map.entry("TURP", 'N'), Map.entry("LPSA", 'N'),
      Map.entry("FRACT", 'S'), Map.entry("XLIMB", 'S'));

  final SchemeSnapshot scheme;
  final SplittableRandom random;
  final List<HealthFacility> facilities;
  final List<HealthFacility> badFacilities;
  final List<HealthFacility> paddingFacilities;
  final List<HealthFacility> centres;
  final List<Insuree> insurees;
  final List<List<Insuree>> families;
  final List<String> diagnoses;
  final List<MedicalService> simpleServices;
  private final Map<Character, List<String>> diagnosesByChapter;

  /** Draws the bad and padding facilities from {@code random}, before any claim is generated. */
  SimulatedScheme(SchemeDocument document, SchemeSnapshot scheme, SplittableRandom random, int badFacilityCount) {
    this.scheme = scheme;
    this.random = random;
    this.facilities = document.healthFacilities();
    List<HealthFacility> shuffled = new ArrayList<>(facilities);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      Collections.swap(shuffled, i, random.nextInt(i + 1));
    }
    this.badFacilities = List.copyOf(shuffled.subList(0, Math.min(badFacilityCount, shuffled.size())));
    // Padding facilities are others than the bad ones: each pattern must be learnt (or not) on its own.
    this.paddingFacilities = shuffled.subList(badFacilities.size(), shuffled.size()).stream()
        .filter(f -> !"D".equals(f.level())).limit(badFacilityCount).toList();
    this.centres = facilities.stream().filter(f -> !"D".equals(f.level())).toList();
    this.insurees = document.insurees();
    this.families = insurees.stream().filter(i -> i.familyId() != null)
        .collect(Collectors.groupingBy(Insuree::familyId, TreeMap::new, Collectors.toList()))
        .values().stream().filter(members -> members.size() >= 2).toList();
    this.diagnoses = document.diagnoses().stream().map(Diagnosis::code).sorted().toList();
    this.diagnosesByChapter = diagnoses.stream().collect(Collectors.groupingBy(c -> c.charAt(0), TreeMap::new,
        Collectors.toList()));
    this.simpleServices = document.services().stream()
        .filter(s -> s.validTo() == null && s.category() != null && !"H".equals(s.category())
            && (s.packageType() == null || s.packageType() == PackageType.S))
        .sorted(Comparator.comparing(MedicalService::code)).toList();
  }

  /**
   * The claim with its main diagnosis (and the secondary one) in the chapters its bound services
   * belong to, as a clinician would file it; otherwise DemoClaims draws diagnoses at random and no
   * service would be implausible for any diagnosis.
   */
  Claim coherent(Claim c) {
    List<Character> chapters = c.services().stream().map(s -> BOUND_SERVICES.get(s.serviceCode()))
        .filter(Objects::nonNull).distinct().toList();
    if (chapters.isEmpty()) {
      return c;
    }
    String icd = diagnosisIn(chapters.get(0));
    String icd1 = chapters.size() > 1 ? diagnosisIn(chapters.get(1)) : c.icd1();
    return withLines(c, c.items(), c.services(), icd, icd1);
  }

  /** A diagnosis of the chapter (any diagnosis if the scheme has none in it). */
  String diagnosisIn(char chapter) {
    List<String> codes = diagnosesByChapter.getOrDefault(chapter, diagnoses);
    return codes.get(random.nextInt(codes.size()));
  }

  static Claim withLines(Claim c, List<ClaimItem> items, List<ClaimService> services, String icd, String icd1) {
    return new Claim(c.code(), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(), c.dateClaimed(),
        c.visitType(), icd, icd1, c.icd2(), c.icd3(), c.icd4(), items, services, c.voucher());
  }

  boolean listed(String priceList, String code, LocalDate date) {
    return priceList != null && scheme.priceListEntry(priceList, code, date) != null;
  }

  /** The facility's price for a code at a date: its list's override, else the register's price. */
  BigDecimal listPrice(HealthFacility facility, LineKind kind, String code, LocalDate date) {
    String list = kind == LineKind.ITEM ? facility.itemsPriceList() : facility.servicesPriceList();
    PriceListEntry entry = list == null ? null : scheme.priceListEntry(list, code, date);
    if (entry != null && entry.priceOverride() != null) {
      return entry.priceOverride();
    }
    RegisterEntry register = scheme.register(kind, code, date);
    return register == null || register.price() == null ? BigDecimal.ZERO.setScale(2) : register.price();
  }

  /** The register mask of docs/adjudication.md §2 allows the patient (bits 1 male, 2 female, 4 adult, 8 child; 0 everyone). */
  boolean fits(RegisterEntry entry, Insuree insuree, LocalDate date) {
    if (insuree == null) {
      return false;
    }
    boolean adult = insuree.dob() == null
        || Period.between(insuree.dob(), date).getYears() >= scheme.settings().ageOfMajority();
    int mask = (insuree.gender() == Gender.F ? 2 : 1) | (adult ? 4 : 8);
    return entry.patientCategory() == 0 || (entry.patientCategory() & mask) == mask;
  }

  /** A random element of a non-empty list. */
  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  static BigDecimal money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }
}
