package io.arbiter.simulate;

import static io.arbiter.simulate.SimulatedScheme.BOUND_SERVICES;
import static io.arbiter.simulate.SimulatedScheme.withLines;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.demo.DemoClaims;
import io.arbiter.scheme.Gender;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.MedicalService;
import io.arbiter.scheme.PackageContents;
import io.arbiter.scheme.SchemeSnapshot;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The abuse patterns that choose codes against the registers: upcoding, repeats just outside a
 * frequency limit, unbundling and implausible services. A method returns null where the scheme
 * offers no way to plant its pattern; the caller then generates an honest claim. Single-threaded.
 */
final class ServicePatterns {
  static final String UNBUNDLED_PACKAGE = "ANCPK";
  /** Chapters an implausible claim is filed under: common ones unrelated to any bound service. */
  private static final char[] UNRELATED_CHAPTERS = {'A', 'B', 'J', 'K', 'L', 'R'};

  private final SimulatedScheme sim;
  private final SchemeSnapshot scheme;
  private final SplittableRandom random;
  private final DemoClaims demo;
  private final RepeatCandidates candidates;

  ServicePatterns(SimulatedScheme sim, DemoClaims demo, RepeatCandidates candidates) {
    this.sim = sim;
    this.scheme = sim.scheme;
    this.random = sim.random;
    this.demo = demo;
    this.candidates = candidates;
  }

  /** One simple service swapped for a pricier one of the same category that the facility lists. */
  PlantedClaim upcoded(LocalDate day) {
    Claim c = sim.coherent(demo.next(2 + random.nextInt(5), null, null, day));
    HealthFacility facility = scheme.facility(c.healthFacility());
    Insuree insuree = scheme.insuree(c.chfId());
    Set<String> present = c.services().stream().map(ClaimService::serviceCode).collect(Collectors.toSet());
    Plant[] services = Plant.normals(c.services().size());
    List<ClaimService> lines = new ArrayList<>(c.services());
    for (int i = 0; i < lines.size(); i++) {
      ClaimService line = lines.get(i);
      MedicalService original = scheme.service(line.serviceCode(), c.targetDate());
      if (original == null || !sim.simpleServices.contains(original)) {
        continue;
      }
      List<MedicalService> pricier = sim.simpleServices.stream()
          .filter(s -> s.category().equals(original.category()) && s.price().compareTo(original.price()) > 0
              && !present.contains(s.code()) && sim.fits(s, insuree, c.targetDate())
              && sim.listed(facility.servicesPriceList(), s.code(), c.targetDate()))
          .toList();
      if (pricier.isEmpty()) {
        continue;
      }
      MedicalService up = pricier.get(random.nextInt(pricier.size()));
      lines.set(i, new ClaimService(up.code(), line.qtyProvided(),
          sim.listPrice(facility, LineKind.SERVICE, up.code(), c.targetDate())));
      services[i] = new Plant(AbusePatterns.UPCODING, null,
          sim.listPrice(facility, LineKind.SERVICE, original.code(), c.targetDate()), 1, false, null);
      break;
    }
    Claim coded = sim.coherent(withLines(c, c.items(), lines, c.icd(), c.icd1()));
    return new PlantedClaim(coded, Plant.normals(c.items().size()), services);
  }

  /**
   * The same item or service for the same insuree at the same facility, frequency + 1 to + 7 days
   * after a provision the rules passed; an item comes with a consultation.
   */
  PlantedClaim repeat(LocalDate day) {
    RepeatCandidates.Candidate was = candidates.take(day, random);
    if (was == null) {
      return null;
    }
    HealthFacility facility = scheme.facility(was.facility());
    List<ClaimItem> items = new ArrayList<>();
    List<ClaimService> services = new ArrayList<>();
    Plant plant = new Plant(AbusePatterns.JUST_OUTSIDE_FREQUENCY, null, null, 1, true, was.target());
    Plant[] itemPlants;
    Plant[] servicePlants;
    if (was.kind() == LineKind.ITEM) {
      items.add(new ClaimItem(was.code(), was.qty(), sim.listPrice(facility, LineKind.ITEM, was.code(), day)));
      services.add(new ClaimService("OPD1", BigDecimal.ONE, sim.listPrice(facility, LineKind.SERVICE, "OPD1", day)));
      itemPlants = new Plant[] {plant};
      servicePlants = Plant.normals(1);
    } else {
      services.add(new ClaimService(was.code(), was.qty(),
          sim.listPrice(facility, LineKind.SERVICE, was.code(), day)));
      itemPlants = Plant.normals(0);
      servicePlants = new Plant[] {plant};
    }
    Character chapter = BOUND_SERVICES.get(was.code());
    String icd = chapter != null ? sim.diagnosisIn(chapter) : sim.pick(sim.diagnoses);
    Claim c = new Claim("", was.chfId(), was.facility(), day, null, day.plusDays(random.nextInt(4)), "O", icd, null,
        null, null, null, items, services, null);
    return new PlantedClaim(c, itemPlants, servicePlants);
  }

  /** A woman of 15–49 at a health centre or hospital: every part of the ANC package, not the package. */
  PlantedClaim unbundled(LocalDate day) {
    MedicalService pack = scheme.service(UNBUNDLED_PACKAGE, day);
    Insuree woman = null;
    for (int tries = 0; tries < 50 && woman == null; tries++) {
      Insuree i = sim.pick(sim.insurees);
      int age = i.dob() == null ? -1 : Period.between(i.dob(), day).getYears();
      woman = i.gender() == Gender.F && age >= 15 && age <= 49 ? i : null;
    }
    if (pack == null || pack.packageContents() == null || woman == null || sim.centres.isEmpty()) {
      return null;
    }
    HealthFacility facility = sim.pick(sim.centres);
    PackageContents parts = pack.packageContents();
    List<ClaimItem> items = new ArrayList<>();
    List<ClaimService> services = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (PackageContents.Part p : parts.items()) {
      BigDecimal price = sim.listPrice(facility, LineKind.ITEM, p.code(), day);
      items.add(new ClaimItem(p.code(), p.qty(), price));
      total = total.add(price.multiply(p.qty()));
    }
    for (PackageContents.Part p : parts.services()) {
      BigDecimal price = sim.listPrice(facility, LineKind.SERVICE, p.code(), day);
      services.add(new ClaimService(p.code(), p.qty(), price));
      total = total.add(price.multiply(p.qty()));
    }
    double share = sim.listPrice(facility, LineKind.SERVICE, pack.code(), day).doubleValue() / total.doubleValue();
    if (!(share < 1)) {
      return null;
    }
    Plant plant = new Plant(AbusePatterns.UNBUNDLING, null, null, share, false, null);
    Claim c = new Claim("", woman.chfId(), facility.code(), day, null, day.plusDays(random.nextInt(6)), "O",
        sim.diagnosisIn('O'), null, null, null, null, items, services, null);
    return new PlantedClaim(c, Plant.all(items.size(), plant), Plant.all(services.size(), plant));
  }

  /** A service bound to one chapter, fitting the patient, filed under an unrelated diagnosis. */
  PlantedClaim implausible(LocalDate day) {
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
          return s != null && sim.fits(s, insuree, c.targetDate())
              && sim.listed(facility.servicesPriceList(), code, c.targetDate());
        })
        .toList();
    if (choices.isEmpty()) {
      return PlantedClaim.honest(sim.coherent(c));
    }
    String code = sim.pick(choices);
    services.add(new ClaimService(code, BigDecimal.ONE,
        sim.listPrice(facility, LineKind.SERVICE, code, c.targetDate())));
    char bound = BOUND_SERVICES.get(code);
    char chapter;
    do {
      chapter = UNRELATED_CHAPTERS[random.nextInt(UNRELATED_CHAPTERS.length)];
    } while (chapter == bound);
    Plant[] plants = Plant.normals(services.size());
    plants[services.size() - 1] = Plant.rejected(AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS);
    Claim planted = withLines(c, c.items(), services, sim.diagnosisIn(chapter), null);
    return new PlantedClaim(planted, Plant.normals(c.items().size()), plants);
  }
}
