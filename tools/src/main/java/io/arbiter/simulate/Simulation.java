package io.arbiter.simulate;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.claim.LineDecision;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoOptions;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.ledger.Provision;
import io.arbiter.rules.RuleSet;
import io.arbiter.scheme.Diagnosis;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalItem;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.PackageType;
import io.arbiter.scheme.PriceListEntry;
import io.arbiter.scheme.RegisterEntry;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.TrainingRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The state of one simulation run; see {@link ClaimSimulator}. Single-threaded. */
final class Simulation implements Iterator<TrainingRecord> {
  /** Services that go with one ICD-10 chapter only: pregnancy, eye, prostate, injury. */
  static final Map<String, Character> BOUND_SERVICES = Map.ofEntries(
      Map.entry("ANC1", 'O'), Map.entry("ANCF", 'O'), Map.entry("ANCUS", 'O'), Map.entry("ANCPK", 'O'),
      Map.entry("DELN", 'O'), Map.entry("DELPK", 'O'), Map.entry("DELAS", 'O'), Map.entry("DELCS", 'O'),
      Map.entry("PNC", 'O'), Map.entry("MVA", 'O'),
      Map.entry("CATAR", 'H'), Map.entry("REFRAC", 'H'), Map.entry("EYEC", 'H'),
      Map.entry("TURP", 'N'), Map.entry("LPSA", 'N'),
      Map.entry("FRACT", 'S'), Map.entry("XLIMB", 'S'));
  /** Chapters an implausible claim is filed under: common ones unrelated to any bound service. */
  private static final char[] UNRELATED_CHAPTERS = {'A', 'B', 'J', 'K', 'L', 'R'};
  static final String UNBUNDLED_PACKAGE = "ANCPK";
  private static final int REVIEW_WINDOW = 1000;
  /** What a padding facility adds to a visit: a specialist consultation and two laboratory tests. */
  static final List<String> PADDING_SERVICES = List.of("OPD2", "LFBC", "LURI");
  /** Recent honest claims a re-submission can copy. */
  private static final int RECENT_CLAIMS = 200;

  private final SimulatorOptions options;
  private final SchemeDocument document;
  private final SchemeSnapshot scheme;
  private final LedgerOnlyStore store = new LedgerOnlyStore();
  private final SimulationClock clock;
  private final Arbiter arbiter;
  private final DemoClaims demo;
  private final SplittableRandom random;
  private final SplittableRandom reviewer;
  private final LocalDate start;
  private final int days;
  private final List<HealthFacility> facilities;
  private final List<HealthFacility> badFacilities;
  private final List<HealthFacility> paddingFacilities;
  private final ArrayDeque<Claim> recentClaims = new ArrayDeque<>();
  private final List<HealthFacility> centres;
  private final List<Insuree> insurees;
  private final List<List<Insuree>> families;
  private final Map<Character, List<String>> diagnosesByChapter;
  private final List<String> diagnoses;
  private final List<MedicalService> simpleServices;
  private final double[] shares;

  private final PriorityQueue<Pending> buffer = new PriorityQueue<>(
      Comparator.comparing((Pending p) -> p.claim.dateClaimed()).thenComparingLong(p -> p.seq));
  private final ArrayDeque<TrainingRecord> ready = new ArrayDeque<>();
  /** Frequency-limited provisions by the first day a repeat would pass the rule. */
  private final NavigableMap<LocalDate, List<Candidate>> candidates = new TreeMap<>();
  private final double[] recentClaimed = new double[REVIEW_WINDOW];
  private long checkedClaims;
  private double highValue = Double.POSITIVE_INFINITY;
  private long generated;
  private long sequence;
  private long refused;

  Simulation(SimulatorOptions options, RuleSet rules) {
    this.options = options;
    SplittableRandom root = new SplittableRandom(options.getSeed());
    this.document = DemoScheme.generate(new DemoOptions().setSeed(options.getSeed())
        .setInsurees(options.effectiveInsurees()));
    this.scheme = SchemeSnapshot.of(document, "simulator");
    this.start = options.getStartMonth().atDay(1);
    this.days = (int) ChronoUnit.DAYS.between(start, options.getStartMonth().plusMonths(options.getMonths()).atDay(1));
    this.clock = new SimulationClock((double) options.getClaims() / days);
    this.arbiter = Arbiter.builder().rules(rules).scheme(document).store(store).clock(clock).build();
    this.demo = new DemoClaims(document, root.nextLong(), "SIM");
    this.random = root.split();
    this.reviewer = root.split();
    this.facilities = document.healthFacilities();
    List<HealthFacility> shuffled = new ArrayList<>(facilities);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      java.util.Collections.swap(shuffled, i, random.nextInt(i + 1));
    }
    this.badFacilities = List.copyOf(shuffled.subList(0, Math.min(options.getBadFacilities(), shuffled.size())));
    // Padding facilities are others than the bad ones: each pattern must be learnt (or not) on its own.
    this.paddingFacilities = shuffled.subList(badFacilities.size(), shuffled.size()).stream()
        .filter(f -> !"D".equals(f.level())).limit(options.getBadFacilities()).toList();
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
    this.shares = AbusePatterns.ALL.stream().mapToDouble(p -> options.getAbuseShares().getOrDefault(p, 0.0)).toArray();
  }

  SchemeDocument scheme() {
    return document;
  }

  long refused() {
    return refused;
  }

  @Override
  public boolean hasNext() {
    fill();
    return !ready.isEmpty();
  }

  @Override
  public TrainingRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void fill() {
    while (ready.isEmpty() && (generated < options.getClaims() || !buffer.isEmpty())) {
      if (generated < options.getClaims()) {
        LocalDate day = start.plusDays(generated * days / options.getClaims());
        // Everything generated from now on is claimed on or after `day`: what is claimed before is final.
        while (!buffer.isEmpty() && buffer.peek().claim.dateClaimed().isBefore(day)) {
          submit(buffer.poll());
        }
        generate(day);
      } else {
        submit(buffer.poll());
      }
    }
  }

  // ---------------------------------------------------------------- generation

  /** One planted line's ground truth and what an honest line would have been. */
  record Plant(String pattern, BigDecimal fairQty, BigDecimal fairPrice, double fairShare, boolean reject,
      LocalDate anchor) {
    static final Plant NORMAL = new Plant(TrainingRecord.NORMAL, null, null, 1, false, null);

    static Plant rejected(String pattern) {
      return new Plant(pattern, null, null, 1, true, null);
    }

    boolean abused() {
      return this != NORMAL;
    }
  }

  private record Pending(Claim claim, Plant[] items, Plant[] services, long seq) {}

  /** A provision the rules passed that a facility could repeat just after its frequency limit. */
  private record Candidate(String chfId, String facility, LineKind kind, String code, BigDecimal qty,
      LocalDate target, int frequency) {}

  private void generate(LocalDate day) {
    double u = random.nextDouble();
    String pattern = null;
    for (int i = 0; i < shares.length; i++) {
      if (u < shares[i]) {
        pattern = AbusePatterns.ALL.get(i);
        break;
      }
      u -= shares[i];
    }
    if (pattern == null) {
      add(normal(day, null, null));
      return;
    }
    switch (pattern) {
      case AbusePatterns.INFLATED_QUANTITY -> add(inflated(day));
      case AbusePatterns.UPCODING -> add(upcoded(day));
      case AbusePatterns.PRICE_ABOVE_LIST -> add(overpriced(day));
      case AbusePatterns.JUST_OUTSIDE_FREQUENCY -> add(repeat(day));
      case AbusePatterns.UNBUNDLING -> add(unbundled(day));
      case AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS -> add(implausible(day));
      case AbusePatterns.FAMILY_BURST -> burst(day);
      case AbusePatterns.PADDED_VISITS -> add(padded(day));
      case AbusePatterns.RESUBMITTED_CLAIM -> add(resubmitted(day));
      default -> throw new IllegalStateException(pattern);
    }
  }

  private void add(Pending pending) {
    buffer.add(pending);
    generated++;
  }

  private Pending pending(Claim c, Plant[] items, Plant[] services) {
    long seq = ++sequence;
    Claim coded = new Claim(String.format("SIM%09d", seq), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(),
        c.dateClaimed(), c.visitType(), c.icd(), c.icd1(), c.icd2(), c.icd3(), c.icd4(), c.items(), c.services(),
        c.voucher());
    return new Pending(coded, items, services, seq);
  }

  private Pending normal(LocalDate day, HealthFacility facility, Insuree insuree) {
    Claim c = coherent(demo.next(1 + random.nextInt(6), facility, insuree, day));
    if (recentClaims.size() == RECENT_CLAIMS) {
      recentClaims.removeFirst();
    }
    recentClaims.addLast(c);
    return pending(c, normals(c.items().size()), normals(c.services().size()));
  }

  /** An honest visit at a padding facility, with the padding services it lists and the claim lacks added. */
  private Pending padded(LocalDate day) {
    if (paddingFacilities.isEmpty()) {
      return normal(day, null, null);
    }
    HealthFacility facility = paddingFacilities.get(random.nextInt(paddingFacilities.size()));
    Claim c = coherent(demo.next(1 + random.nextInt(4), facility, null, day));
    Set<String> present = c.services().stream().map(ClaimService::serviceCode).collect(Collectors.toSet());
    List<ClaimService> services = new ArrayList<>(c.services());
    for (String code : PADDING_SERVICES) {
      if (!present.contains(code) && listed(facility.servicesPriceList(), code, c.targetDate())) {
        services.add(new ClaimService(code, BigDecimal.ONE, listPrice(facility, LineKind.SERVICE, code, c.targetDate())));
      }
    }
    Plant[] plants = normals(services.size());
    Arrays.fill(plants, c.services().size(), services.size(), Plant.rejected(AbusePatterns.PADDED_VISITS));
    return pending(withLines(c, c.items(), services, c.icd(), c.icd1()), normals(c.items().size()), plants);
  }

  /** A recent honest claim copied as a visit 2–6 days later, claimed soon after; every line planted. */
  private Pending resubmitted(LocalDate day) {
    if (recentClaims.isEmpty()) {
      return normal(day, null, null);
    }
    Claim was = recentClaims.removeLast();
    LocalDate visit = was.dateFrom().plusDays(2 + random.nextInt(5));
    LocalDate claimed = visit.isBefore(day) ? day : visit;
    long stay = was.dateTo() == null ? -1 : ChronoUnit.DAYS.between(was.dateFrom(), was.dateTo());
    Claim copy = new Claim("", was.chfId(), was.healthFacility(), visit, stay < 0 ? null : visit.plusDays(stay),
        claimed.plusDays(random.nextInt(4)), was.visitType(), was.icd(), was.icd1(), was.icd2(), was.icd3(),
        was.icd4(), was.items(), was.services(), null);
    Plant[] items = normals(was.items().size());
    Plant[] services = normals(was.services().size());
    Arrays.fill(items, Plant.rejected(AbusePatterns.RESUBMITTED_CLAIM));
    Arrays.fill(services, Plant.rejected(AbusePatterns.RESUBMITTED_CLAIM));
    return pending(copy, items, services);
  }

  private static Plant[] normals(int n) {
    Plant[] plants = new Plant[n];
    Arrays.fill(plants, Plant.NORMAL);
    return plants;
  }

  /**
   * The claim with its main diagnosis (and the secondary one) in the chapters its bound services
   * belong to, as a clinician would file it; otherwise DemoClaims draws diagnoses at random and no
   * service would be implausible for any diagnosis.
   */
  private Claim coherent(Claim c) {
    List<Character> chapters = c.services().stream().map(s -> BOUND_SERVICES.get(s.serviceCode()))
        .filter(java.util.Objects::nonNull).distinct().toList();
    if (chapters.isEmpty()) {
      return c;
    }
    String icd = diagnosisIn(chapters.get(0));
    String icd1 = chapters.size() > 1 ? diagnosisIn(chapters.get(1)) : c.icd1();
    return withLines(c, c.items(), c.services(), icd, icd1);
  }

  private String diagnosisIn(char chapter) {
    List<String> codes = diagnosesByChapter.getOrDefault(chapter, diagnoses);
    return codes.get(random.nextInt(codes.size()));
  }

  private static Claim withLines(Claim c, List<ClaimItem> items, List<ClaimService> services, String icd, String icd1) {
    return new Claim(c.code(), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(), c.dateClaimed(),
        c.visitType(), icd, icd1, c.icd2(), c.icd3(), c.icd4(), items, services, c.voucher());
  }

  /** At a bad facility, one or two item lines at 3.5–10× the quantity DemoClaims makes usual. */
  private Pending inflated(LocalDate day) {
    if (badFacilities.isEmpty()) {
      return normal(day, null, null);
    }
    HealthFacility facility = badFacilities.get(random.nextInt(badFacilities.size()));
    Claim c = coherent(demo.next(2 + random.nextInt(5), facility, null, day));
    Plant[] items = normals(c.items().size());
    List<ClaimItem> lines = new ArrayList<>(c.items());
    int count = Math.min(lines.size(), 1 + random.nextInt(2));
    for (int k = 0; k < count; k++) {
      int i = random.nextInt(lines.size());
      if (items[i].abused()) {
        continue;
      }
      ClaimItem line = lines.get(i);
      double factor = 3.5 + random.nextDouble() * 6.5;
      BigDecimal qty = BigDecimal.valueOf((long) Math.ceil(usualQuantity(line.priceAsked()) * factor));
      lines.set(i, new ClaimItem(line.itemCode(), qty, line.priceAsked()));
      items[i] = new Plant(AbusePatterns.INFLATED_QUANTITY, line.qtyProvided(), null, 1, false, null);
    }
    return pending(withLines(c, lines, c.services(), c.icd(), c.icd1()), items, normals(c.services().size()));
  }

  /** The mean quantity DemoClaims draws for an item at this unit price (its ranges' midpoints). */
  static double usualQuantity(BigDecimal unitPrice) {
    if (unitPrice.compareTo(BigDecimal.valueOf(100)) < 0) {
      return 18;
    }
    return unitPrice.compareTo(BigDecimal.valueOf(1000)) < 0 ? 5.5 : 2;
  }

  /** One simple service swapped for a pricier one of the same category that the facility lists. */
  private Pending upcoded(LocalDate day) {
    Claim c = coherent(demo.next(2 + random.nextInt(5), null, null, day));
    HealthFacility facility = scheme.facility(c.healthFacility());
    Insuree insuree = scheme.insuree(c.chfId());
    Set<String> present = c.services().stream().map(ClaimService::serviceCode).collect(Collectors.toSet());
    Plant[] services = normals(c.services().size());
    List<ClaimService> lines = new ArrayList<>(c.services());
    for (int i = 0; i < lines.size(); i++) {
      ClaimService line = lines.get(i);
      MedicalService original = scheme.service(line.serviceCode(), c.targetDate());
      if (original == null || !simpleServices.contains(original)) {
        continue;
      }
      List<MedicalService> pricier = simpleServices.stream()
          .filter(s -> s.category().equals(original.category()) && s.price().compareTo(original.price()) > 0
              && !present.contains(s.code()) && fits(s, insuree, c.targetDate())
              && listed(facility.servicesPriceList(), s.code(), c.targetDate()))
          .toList();
      if (pricier.isEmpty()) {
        continue;
      }
      MedicalService up = pricier.get(random.nextInt(pricier.size()));
      lines.set(i, new ClaimService(up.code(), line.qtyProvided(),
          listPrice(facility, LineKind.SERVICE, up.code(), c.targetDate())));
      services[i] = new Plant(AbusePatterns.UPCODING, null,
          listPrice(facility, LineKind.SERVICE, original.code(), c.targetDate()), 1, false, null);
      break;
    }
    return pending(coherent(withLines(c, c.items(), lines, c.icd(), c.icd1())), normals(c.items().size()), services);
  }

  /** One line asked at 2–5× the facility's list price. */
  private Pending overpriced(LocalDate day) {
    Claim c = coherent(demo.next(1 + random.nextInt(6), null, null, day));
    HealthFacility facility = scheme.facility(c.healthFacility());
    Plant[] items = normals(c.items().size());
    Plant[] services = normals(c.services().size());
    List<ClaimItem> itemLines = new ArrayList<>(c.items());
    List<ClaimService> serviceLines = new ArrayList<>(c.services());
    int i = random.nextInt(itemLines.size() + serviceLines.size());
    BigDecimal factor = BigDecimal.valueOf(2 + random.nextDouble() * 3);
    if (i < itemLines.size()) {
      ClaimItem line = itemLines.get(i);
      BigDecimal list = listPrice(facility, LineKind.ITEM, line.itemCode(), c.targetDate());
      itemLines.set(i, new ClaimItem(line.itemCode(), line.qtyProvided(), money(list.multiply(factor))));
      items[i] = new Plant(AbusePatterns.PRICE_ABOVE_LIST, null, list, 1, false, null);
    } else {
      int j = i - itemLines.size();
      ClaimService line = serviceLines.get(j);
      BigDecimal list = listPrice(facility, LineKind.SERVICE, line.serviceCode(), c.targetDate());
      serviceLines.set(j, new ClaimService(line.serviceCode(), line.qtyProvided(), money(list.multiply(factor))));
      services[j] = new Plant(AbusePatterns.PRICE_ABOVE_LIST, null, list, 1, false, null);
    }
    return pending(withLines(c, itemLines, serviceLines, c.icd(), c.icd1()), items, services);
  }

  /**
   * The same item or service for the same insuree at the same facility, frequency + 1 to + 7 days
   * after a provision the rules passed; an item comes with a consultation.
   */
  private Pending repeat(LocalDate day) {
    candidates.headMap(day.minusDays(6), false).clear();
    NavigableMap<LocalDate, List<Candidate>> due = candidates.subMap(day.minusDays(6), true, day, true);
    if (due.isEmpty()) {
      return normal(day, null, null);
    }
    Map.Entry<LocalDate, List<Candidate>> first = due.firstEntry();
    Candidate was = first.getValue().remove(random.nextInt(first.getValue().size()));
    if (first.getValue().isEmpty()) {
      candidates.remove(first.getKey());
    }
    HealthFacility facility = scheme.facility(was.facility());
    List<ClaimItem> items = new ArrayList<>();
    List<ClaimService> services = new ArrayList<>();
    Plant plant = new Plant(AbusePatterns.JUST_OUTSIDE_FREQUENCY, null, null, 1, true, was.target());
    Plant[] itemPlants;
    Plant[] servicePlants;
    if (was.kind() == LineKind.ITEM) {
      items.add(new ClaimItem(was.code(), was.qty(), listPrice(facility, LineKind.ITEM, was.code(), day)));
      services.add(new ClaimService("OPD1", BigDecimal.ONE, listPrice(facility, LineKind.SERVICE, "OPD1", day)));
      itemPlants = new Plant[] {plant};
      servicePlants = normals(1);
    } else {
      services.add(new ClaimService(was.code(), was.qty(), listPrice(facility, LineKind.SERVICE, was.code(), day)));
      itemPlants = normals(0);
      servicePlants = new Plant[] {plant};
    }
    Character chapter = BOUND_SERVICES.get(was.code());
    String icd = chapter != null ? diagnosisIn(chapter) : diagnoses.get(random.nextInt(diagnoses.size()));
    Claim c = new Claim("", was.chfId(), was.facility(), day, null, day.plusDays(random.nextInt(4)), "O", icd, null,
        null, null, null, items, services, null);
    return pending(c, itemPlants, servicePlants);
  }

  /** A woman of 15–49 at a health centre or hospital: every part of the ANC package, not the package. */
  private Pending unbundled(LocalDate day) {
    MedicalService pack = scheme.service(UNBUNDLED_PACKAGE, day);
    Insuree woman = null;
    for (int tries = 0; tries < 50 && woman == null; tries++) {
      Insuree i = insurees.get(random.nextInt(insurees.size()));
      int age = i.dob() == null ? -1 : Period.between(i.dob(), day).getYears();
      woman = i.gender() == Gender.F && age >= 15 && age <= 49 ? i : null;
    }
    if (pack == null || pack.packageContents() == null || woman == null || centres.isEmpty()) {
      return normal(day, null, null);
    }
    HealthFacility facility = centres.get(random.nextInt(centres.size()));
    PackageContents parts = pack.packageContents();
    List<ClaimItem> items = new ArrayList<>();
    List<ClaimService> services = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (PackageContents.Part p : parts.items()) {
      BigDecimal price = listPrice(facility, LineKind.ITEM, p.code(), day);
      items.add(new ClaimItem(p.code(), p.qty(), price));
      total = total.add(price.multiply(p.qty()));
    }
    for (PackageContents.Part p : parts.services()) {
      BigDecimal price = listPrice(facility, LineKind.SERVICE, p.code(), day);
      services.add(new ClaimService(p.code(), p.qty(), price));
      total = total.add(price.multiply(p.qty()));
    }
    double share = listPrice(facility, LineKind.SERVICE, pack.code(), day).doubleValue() / total.doubleValue();
    if (!(share < 1)) {
      return normal(day, null, null);
    }
    Plant plant = new Plant(AbusePatterns.UNBUNDLING, null, null, share, false, null);
    Plant[] itemPlants = new Plant[items.size()];
    Plant[] servicePlants = new Plant[services.size()];
    Arrays.fill(itemPlants, plant);
    Arrays.fill(servicePlants, plant);
    Claim c = new Claim("", woman.chfId(), facility.code(), day, null, day.plusDays(random.nextInt(6)), "O",
        diagnosisIn('O'), null, null, null, null, items, services, null);
    return pending(c, itemPlants, servicePlants);
  }

  /** A service bound to one chapter, fitting the patient, filed under an unrelated diagnosis. */
  private Pending implausible(LocalDate day) {
    Claim c = demo.next(1 + random.nextInt(5), null, null, day);
    HealthFacility facility = scheme.facility(c.healthFacility());
    Insuree insuree = scheme.insuree(c.chfId());
    List<ClaimService> services = new ArrayList<>(c.services().stream()
        .filter(s -> !BOUND_SERVICES.containsKey(s.serviceCode())).toList());
    Set<String> present = c.services().stream().map(ClaimService::serviceCode).collect(Collectors.toSet());
    List<String> choices = BOUND_SERVICES.keySet().stream().sorted()
        .filter(code -> !present.contains(code) && !code.equals(UNBUNDLED_PACKAGE))
        .filter(code -> {
          MedicalService s = scheme.service(code, c.targetDate());
          return s != null && fits(s, insuree, c.targetDate())
              && listed(facility.servicesPriceList(), code, c.targetDate());
        })
        .toList();
    if (choices.isEmpty()) {
      return pending(coherent(c), normals(c.items().size()), normals(c.services().size()));
    }
    String code = choices.get(random.nextInt(choices.size()));
    services.add(new ClaimService(code, BigDecimal.ONE, listPrice(facility, LineKind.SERVICE, code, c.targetDate())));
    char bound = BOUND_SERVICES.get(code);
    char chapter;
    do {
      chapter = UNRELATED_CHAPTERS[random.nextInt(UNRELATED_CHAPTERS.length)];
    } while (chapter == bound);
    Plant[] plants = normals(services.size());
    plants[services.size() - 1] = Plant.rejected(AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS);
    return pending(withLines(c, c.items(), services, diagnosisIn(chapter), null), normals(c.items().size()), plants);
  }

  /** 4–8 claims at one facility for members of one family within three days; every line planted. */
  private void burst(LocalDate day) {
    if (families.isEmpty()) {
      add(normal(day, null, null));
      return;
    }
    List<Insuree> family = families.get(random.nextInt(families.size()));
    HealthFacility facility = facilities.get(random.nextInt(facilities.size()));
    long count = Math.min(4 + random.nextInt(5), options.getClaims() - generated);
    // The family's claims concentrate on one or two members, as phantom visits do.
    List<Insuree> members = family.size() <= 2 ? family : List.of(family.get(random.nextInt(family.size())),
        family.get(random.nextInt(family.size())));
    for (int k = 0; k < count; k++) {
      Insuree member = members.get(random.nextInt(members.size()));
      Claim c = coherent(demo.next(1 + random.nextInt(3), facility, member, day.plusDays(random.nextInt(3))));
      Plant[] items = normals(c.items().size());
      Plant[] services = normals(c.services().size());
      Arrays.fill(items, Plant.rejected(AbusePatterns.FAMILY_BURST));
      Arrays.fill(services, Plant.rejected(AbusePatterns.FAMILY_BURST));
      add(pending(c, items, services));
    }
  }

  private boolean listed(String priceList, String code, LocalDate date) {
    return priceList != null && scheme.priceListEntry(priceList, code, date) != null;
  }

  /** The facility's price for a code at a date: its list's override, else the register's price. */
  private BigDecimal listPrice(HealthFacility facility, LineKind kind, String code, LocalDate date) {
    String list = kind == LineKind.ITEM ? facility.itemsPriceList() : facility.servicesPriceList();
    PriceListEntry entry = list == null ? null : scheme.priceListEntry(list, code, date);
    if (entry != null && entry.priceOverride() != null) {
      return entry.priceOverride();
    }
    RegisterEntry register = scheme.register(kind, code, date);
    return register == null || register.price() == null ? BigDecimal.ZERO.setScale(2) : register.price();
  }

  /** The register mask of docs/adjudication.md §2 allows the patient (bits 1 male, 2 female, 4 adult, 8 child; 0 everyone). */
  private boolean fits(RegisterEntry entry, Insuree insuree, LocalDate date) {
    if (insuree == null) {
      return false;
    }
    boolean adult = insuree.dob() == null
        || Period.between(insuree.dob(), date).getYears() >= scheme.settings().ageOfMajority();
    int mask = (insuree.gender() == Gender.F ? 2 : 1) | (adult ? 4 : 8);
    return entry.patientCategory() == 0 || (entry.patientCategory() & mask) == mask;
  }

  private static BigDecimal money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  // ---------------------------------------------------------------- adjudication and review

  private void submit(Pending p) {
    Plant[] items = p.items.clone();
    Plant[] services = p.services.clone();
    confirmRepeats(p.claim, LineKind.ITEM, items);
    confirmRepeats(p.claim, LineKind.SERVICE, services);
    clock.advanceTo(p.claim.dateClaimed());
    ClaimDecision decision;
    try {
      decision = arbiter.submit(p.claim).decision();
    } catch (ArbiterException e) {
      refused++;
      return;
    }
    Insuree insuree = scheme.insuree(p.claim.chfId());
    TrainingRecord.Review review = review(decision, items, services);
    remember(p.claim, decision);
    ready.add(new TrainingRecord(p.claim, decision, insuree, review, new TrainingRecord.Truth(
        Arrays.stream(items).map(Plant::pattern).toList(), Arrays.stream(services).map(Plant::pattern).toList())));
  }

  /**
   * A planted repeat stays planted only if its anchor is still the insuree's last provision of the
   * code: another provision in between would make it something else (and the rules would reject it).
   */
  private void confirmRepeats(Claim claim, LineKind kind, Plant[] plants) {
    for (int i = 0; i < plants.length; i++) {
      if (plants[i].anchor() == null) {
        continue;
      }
      String code = kind == LineKind.ITEM ? claim.items().get(i).itemCode() : claim.services().get(i).serviceCode();
      LocalDate last = store.ledger(scheme.familyKey(claim.chfId()))
          .lastProvision(claim.chfId(), kind, code, claim.targetDate())
          .map(Provision::targetDate).orElse(null);
      if (!plants[i].anchor().equals(last)) {
        plants[i] = Plant.NORMAL;
      }
    }
  }

  /** Keeps the checked claim's frequency-limited provisions as candidates for a planted repeat. */
  private void remember(Claim claim, ClaimDecision decision) {
    if (decision.status() != ClaimDecision.STATUS_CHECKED
        || options.getAbuseShares().getOrDefault(AbusePatterns.JUST_OUTSIDE_FREQUENCY, 0.0) == 0) {
      return;
    }
    for (LineDecision line : decision.items()) {
      candidate(claim, decision, line, LineKind.ITEM, line.itemCode());
    }
    for (LineDecision line : decision.services()) {
      candidate(claim, decision, line, LineKind.SERVICE, line.serviceCode());
    }
  }

  private void candidate(Claim claim, ClaimDecision decision, LineDecision line, LineKind kind, String code) {
    if (line.status() != LineDecision.STATUS_PASSED) {
      return;
    }
    RegisterEntry entry = scheme.register(kind, code, claim.targetDate());
    int frequency = entry instanceof MedicalItem i ? i.frequency() : entry instanceof MedicalService s ? s.frequency() : 0;
    if (frequency <= 0) {
      return;
    }
    BigDecimal qty = line.qtyApproved() != null ? line.qtyApproved() : line.qtyProvided();
    candidates.computeIfAbsent(claim.targetDate().plusDays(frequency + 1L), d -> new ArrayList<>())
        .add(new Candidate(claim.chfId(), decision.healthFacility(), kind, code, qty, claim.targetDate(), frequency));
  }

  /**
   * Whether a reviewer looks at the claim (checked claims only; the costliest fifth gets the
   * targeted share of the effort) and, if so, the outcome on each line the rules passed.
   */
  private TrainingRecord.Review review(ClaimDecision decision, Plant[] items, Plant[] services) {
    if (decision.status() != ClaimDecision.STATUS_CHECKED) {
      return null;
    }
    double claimed = decision.claimed() == null ? 0 : decision.claimed().doubleValue();
    recentClaimed[(int) (checkedClaims % REVIEW_WINDOW)] = claimed;
    checkedClaims++;
    if (checkedClaims == 50 || checkedClaims % 250 == 0) {
      double[] sorted = Arrays.copyOf(recentClaimed, (int) Math.min(checkedClaims, REVIEW_WINDOW));
      Arrays.sort(sorted);
      highValue = sorted[(int) (sorted.length * 0.8)];
    }
    double targeted = options.getTargetedReview();
    double p = options.getReviewShare() * ((1 - targeted) + (claimed >= highValue ? targeted / 0.2 : 0));
    if (reviewer.nextDouble() >= Math.min(1, p)) {
      return null;
    }
    return new TrainingRecord.Review(outcomes(decision.items(), items), outcomes(decision.services(), services));
  }

  private List<TrainingRecord.LineOutcome> outcomes(List<LineDecision> lines, Plant[] plants) {
    List<TrainingRecord.LineOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      LineDecision line = lines.get(i);
      if (line.status() != LineDecision.STATUS_PASSED) {
        continue;
      }
      Plant plant = i < plants.length ? plants[i] : Plant.NORMAL;
      boolean flagged = reviewer.nextDouble() < (plant.abused() ? options.getCatchRate() : options.getNormalAdjustRate());
      if (reviewer.nextDouble() < options.getLabelNoise()) {
        flagged = !flagged;
      }
      BigDecimal qty = line.qtyApproved() != null ? line.qtyApproved() : line.qtyProvided();
      BigDecimal unit = line.priceAdjusted() != null ? line.priceAdjusted() : line.priceAsked();
      BigDecimal value = line.approvedValue();
      if (!flagged) {
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ACCEPTED, money(BigDecimal.ZERO),
            value));
      } else if (!plant.abused()) {
        BigDecimal cut = money(value.multiply(BigDecimal.valueOf(0.1 + 0.4 * reviewer.nextDouble())));
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED, cut, value));
      } else if (plant.reject()) {
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.REJECTED, value, value));
      } else {
        BigDecimal fairQty = plant.fairQty() == null ? qty : plant.fairQty().min(qty);
        BigDecimal fairPrice = plant.fairPrice() == null ? unit : plant.fairPrice().min(unit);
        BigDecimal fair = fairQty.multiply(fairPrice).multiply(BigDecimal.valueOf(plant.fairShare()));
        BigDecimal cut = money(value.subtract(fair).max(BigDecimal.ZERO).min(value));
        outcomes.add(new TrainingRecord.LineOutcome(line.lineNo(), TrainingRecord.ADJUSTED, cut, value));
      }
    }
    return outcomes;
  }
}
