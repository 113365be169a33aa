package io.arbiter.demo;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.scheme.CareType;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PriceList;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/*
 * Why claims are drawn mostly, not only, from the facility's price lists and for any insuree: real
 * claim streams carry lines the facility may not bill, patients whose policy lapsed, and
 * sex- or age-specific services given to the wrong patient; a generator that never produced them
 * would only exercise the happy path of the rules.
 */

/**
 * Generates plausible claims against a scheme (made for {@link DemoScheme}, usable with any): a
 * random insuree at a random facility on a day of 2026, one diagnosis or two, services and items
 * mostly from the facility's price lists at the listed price. Some claims are in-patient stays
 * with ward days; some lines are off the price list, some patients are no longer covered, so a
 * stream of claims gives both accepted and rejected lines. Every claim passes the entry checks.
 *
 * <p>Deterministic for a scheme and seed; not thread-safe. Claim codes are {@code prefix}
 * followed by a sequence number, unique within one generator.
 */
public final class DemoClaims {
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
  private static final int DAYS = 350;
  private static final double OFF_LIST_SHARE = 0.08;
  private static final double MISFIT_SHARE = 0.03;

  private final SchemeSnapshot scheme;
  private final SplittableRandom random;
  private final String prefix;
  private final List<Insuree> insurees;
  private final List<Diagnosis> diagnoses;
  private final List<String> itemCodes;
  private final List<String> serviceCodes;
  private final Map<String, List<HealthFacility>> facilitiesByLevel;
  private final Map<String, List<String>> listed;
  private int sequence;

  /**
   * @param scheme the scheme the claims are for; it must load ({@link SchemeSnapshot#of})
   * @param seed the same scheme and seed give the same claims in the same order
   * @param prefix start of every claim code
   */
  public DemoClaims(SchemeDocument scheme, long seed, String prefix) {
    this.scheme = SchemeSnapshot.of(scheme, "claims");
    this.random = new SplittableRandom(seed);
    this.prefix = prefix;
    this.insurees = scheme.insurees();
    this.diagnoses = scheme.diagnoses();
    this.itemCodes = this.scheme.codes(LineKind.ITEM).stream().sorted().toList();
    this.serviceCodes = this.scheme.codes(LineKind.SERVICE).stream().sorted().toList();
    this.facilitiesByLevel = scheme.healthFacilities().stream()
        .collect(Collectors.groupingBy(HealthFacility::level));
    this.listed = scheme.priceLists().stream().collect(Collectors.toMap(PriceList::code,
        l -> l.entries().stream().map(PriceListEntry::code).distinct().toList()));
  }

  /**
   * The next claim, with {@code lines} lines: about a third services (at least one), the rest items.
   *
   * @throws IllegalArgumentException if {@code lines} is less than 1
   */
  public Claim next(int lines) {
    return next(lines, null, null, null);
  }

  /**
   * The next claim, as {@link #next(int)} makes it, with some of its draws fixed: a null argument
   * is drawn as {@link #next(int)} would draw it (so {@code next(n, null, null, null)} equals
   * {@code next(n)} for the same generator state). The claim's target date is {@code dateFrom}
   * for a visit, later for an in-patient stay; prices are those at the target date.
   *
   * @param facility where the care was given; should be one of the scheme's facilities
   * @param insuree the patient; should be one of the scheme's insurees
   * @param dateFrom first day of care
   * @throws IllegalArgumentException if {@code lines} is less than 1
   */
  public Claim next(int lines, HealthFacility facility, Insuree insuree, LocalDate dateFrom) {
    if (lines < 1) {
      throw new IllegalArgumentException("a claim needs at least one line, was " + lines);
    }
    // Draw order is kept as before so that next(int) gives the same claims for a seed.
    facility = facility != null ? facility : facility();
    insuree = insuree != null ? insuree : insurees.get(random.nextInt(insurees.size()));
    LocalDate from = dateFrom != null ? dateFrom : FIRST_DAY.plusDays(random.nextInt(DAYS));
    double admissionRate = "H".equals(facility.level()) ? 0.4 : 0.2;
    boolean admits = facility.careType() != CareType.O && random.nextDouble() < admissionRate;
    LocalDate to = admits ? from.plusDays(between(1, 6)) : null;
    LocalDate target = to != null ? to : from;
    int serviceLines = Math.max(1, lines * 3 / 10);
    Selection selection = new Selection(target, patientMask(insuree, target));

    List<ClaimService> services = new ArrayList<>();
    Set<String> used = new HashSet<>();
    if (admits) {
      String ward = wardDay(facility, selection);
      if (ward != null) {
        used.add(ward);
        services.add(new ClaimService(ward, BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to)),
            price(LineKind.SERVICE, facility.servicesPriceList(), ward, target)));
      }
    }
    String serviceList = facility.servicesPriceList();
    for (String code : pick(LineKind.SERVICE, serviceList, serviceLines - services.size(), used, selection)) {
      services.add(new ClaimService(code, BigDecimal.ONE, price(LineKind.SERVICE, serviceList, code, target)));
    }
    List<ClaimItem> items = new ArrayList<>();
    for (String code : pick(LineKind.ITEM, facility.itemsPriceList(), lines - services.size(), used, selection)) {
      BigDecimal price = price(LineKind.ITEM, facility.itemsPriceList(), code, target);
      items.add(new ClaimItem(code, BigDecimal.valueOf(quantity(price)), price));
    }
    String icd = diagnoses.get(random.nextInt(diagnoses.size())).code();
    String icd1 = random.nextDouble() < 0.3 ? diagnoses.get(random.nextInt(diagnoses.size())).code() : null;
    return new Claim(String.format("%s%06d", prefix, ++sequence), insuree.chfId(), facility.code(), from, to,
        target.plusDays(random.nextInt(11)), visitType(), icd, icd1, null, null, null, items, services, null);
  }

  /** Dispensaries see most patients, hospitals fewest. */
  private HealthFacility facility() {
    double draw = random.nextDouble();
    String level = draw < 0.4 ? "D" : draw < 0.75 ? "C" : "H";
    List<HealthFacility> candidates = facilitiesByLevel.getOrDefault(level, List.of());
    if (candidates.isEmpty()) {
      candidates = scheme.document().healthFacilities();
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private String wardDay(HealthFacility facility, Selection selection) {
    List<String> wards = listed.getOrDefault(facility.servicesPriceList(), List.of()).stream()
        .filter(code -> {
          MedicalService s = scheme.service(code, selection.date());
          return s != null && "H".equals(s.category()) && "D".equals(s.level()) && selection.fits(s);
        })
        .toList();
    return wards.isEmpty() ? null : wards.get(random.nextInt(wards.size()));
  }

  /**
   * {@code count} distinct codes not yet used: mostly from the price list, some from the whole
   * register; mostly ones whose mask fits the patient, as a clinician would choose.
   */
  private List<String> pick(LineKind kind, String priceList, int count, Set<String> used, Selection selection) {
    List<String> onList = listed.getOrDefault(priceList, List.of());
    List<String> register = kind == LineKind.ITEM ? itemCodes : serviceCodes;
    Set<String> picked = new LinkedHashSet<>();
    int available = (int) register.stream().filter(c -> !used.contains(c)).count();
    while (picked.size() < Math.min(count, available)) {
      List<String> from = onList.isEmpty() || random.nextDouble() < OFF_LIST_SHARE ? register : onList;
      String code = from.get(random.nextInt(from.size()));
      boolean fits = selection.fits(scheme.register(kind, code, selection.date()));
      if ((fits || random.nextDouble() < MISFIT_SHARE) && used.add(code)) {
        picked.add(code);
      }
    }
    return List.copyOf(picked);
  }

  /** The patient category bits of docs/adjudication.md §2: 1 male (or other), 2 female, 4 adult, 8 child. */
  private int patientMask(Insuree insuree, LocalDate date) {
    boolean adult = insuree.dob() == null
        || Period.between(insuree.dob(), date).getYears() >= scheme.settings().ageOfMajority();
    return (insuree.gender() == Gender.F ? 2 : 1) | (adult ? 4 : 8);
  }

  /** What choosing a line for this patient depends on. */
  private record Selection(LocalDate date, int patientMask) {
    /** Whether the entry exists at the date and its mask allows the patient (0 allows everyone). */
    boolean fits(RegisterEntry entry) {
      return entry != null
          && (entry.patientCategory() == 0 || (entry.patientCategory() & patientMask) == patientMask);
    }
  }

  /** What the facility asks: its list price if it has one, else the register price; sometimes 10 % more. */
  private BigDecimal price(LineKind kind, String priceList, String code, LocalDate date) {
    PriceListEntry entry = scheme.priceListEntry(priceList, code, date);
    RegisterEntry register = scheme.register(kind, code, date);
    BigDecimal price = entry != null && entry.priceOverride() != null ? entry.priceOverride()
        : register != null ? register.price() : BigDecimal.ZERO.setScale(2);
    return random.nextDouble() < 0.1 ? Amounts.share(price, 110, 1) : price;
  }

  /** Tablets come by the dozen, vials and packs by the unit. */
  private int quantity(BigDecimal unitPrice) {
    if (unitPrice.compareTo(BigDecimal.valueOf(100)) < 0) {
      return between(6, 30);
    }
    return unitPrice.compareTo(BigDecimal.valueOf(1000)) < 0 ? between(1, 10) : between(1, 3);
  }

  private String visitType() {
    double draw = random.nextDouble();
    return draw < 0.85 ? "O" : draw < 0.95 ? "E" : "R";
  }

  private int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }
}
