package io.arbiter.simulate;

import static io.arbiter.simulate.SimulatedScheme.money;
import static io.arbiter.simulate.SimulatedScheme.withLines;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimItem;
import io.arbiter.claim.ClaimService;
import io.arbiter.demo.DemoClaims;
import io.arbiter.scheme.HealthFacility;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Generates the simulator's claims, one draw at a time: honest ones (DemoClaims made clinically
 * coherent) and, in the configured shares, each {@link AbusePatterns abuse pattern}. The patterns
 * that choose codes against the registers are in {@link ServicePatterns}. Single-threaded.
 */
final class ClaimGenerator {
  /** What a padding facility adds to a visit: a specialist consultation and two laboratory tests. */
  static final List<String> PADDING_SERVICES = List.of("OPD2", "LFBC", "LURI");
  /** Recent honest claims a re-submission can copy. */
  private static final int RECENT_CLAIMS = 200;

  private final SimulatedScheme sim;
  private final SplittableRandom random;
  private final DemoClaims demo;
  private final ServicePatterns patterns;
  private final double[] shares;
  private final ArrayDeque<Claim> recentClaims = new ArrayDeque<>();

  /**
   * @param shares each pattern's share of the claims, in the order of {@link AbusePatterns#ALL}
   */
  ClaimGenerator(SimulatedScheme sim, DemoClaims demo, RepeatCandidates candidates, double[] shares) {
    this.sim = sim;
    this.random = sim.random;
    this.demo = demo;
    this.patterns = new ServicePatterns(sim, demo, candidates);
    this.shares = shares.clone();
  }

  /**
   * The claims of one draw for {@code day}: one claim, or a family burst of several (at most
   * {@code remaining}), in the order they were made.
   */
  List<PlantedClaim> generate(LocalDate day, long remaining) {
    String pattern = drawPattern();
    if (pattern == null) {
      return List.of(normal(day, null, null));
    }
    if (AbusePatterns.FAMILY_BURST.equals(pattern)) {
      return burst(day, remaining);
    }
    PlantedClaim planted = switch (pattern) {
      case AbusePatterns.INFLATED_QUANTITY -> inflated(day);
      case AbusePatterns.UPCODING -> patterns.upcoded(day);
      case AbusePatterns.PRICE_ABOVE_LIST -> overpriced(day);
      case AbusePatterns.JUST_OUTSIDE_FREQUENCY -> patterns.repeat(day);
      case AbusePatterns.UNBUNDLING -> patterns.unbundled(day);
      case AbusePatterns.IMPLAUSIBLE_FOR_DIAGNOSIS -> patterns.implausible(day);
      case AbusePatterns.PADDED_VISITS -> padded(day);
      case AbusePatterns.RESUBMITTED_CLAIM -> resubmitted(day);
      default -> throw new IllegalStateException(pattern);
    };
    // null: the scheme offers no way to plant the pattern today; an honest claim instead.
    return List.of(planted != null ? planted : normal(day, null, null));
  }

  /** The pattern of the next claim, or null for an honest one. */
  private String drawPattern() {
    double u = random.nextDouble();
    for (int i = 0; i < shares.length; i++) {
      if (u < shares[i]) {
        return AbusePatterns.ALL.get(i);
      }
      u -= shares[i];
    }
    return null;
  }

  private PlantedClaim normal(LocalDate day, HealthFacility facility, Insuree insuree) {
    Claim c = sim.coherent(demo.next(1 + random.nextInt(6), facility, insuree, day));
    if (recentClaims.size() == RECENT_CLAIMS) {
      recentClaims.removeFirst();
    }
    recentClaims.addLast(c);
    return PlantedClaim.honest(c);
  }

  /** An honest visit at a padding facility, with the padding services it lists and the claim lacks added. */
  private PlantedClaim padded(LocalDate day) {
    if (sim.paddingFacilities.isEmpty()) {
      return null;
    }
    HealthFacility facility = sim.pick(sim.paddingFacilities);
    Claim c = sim.coherent(demo.next(1 + random.nextInt(4), facility, null, day));
    Set<String> present = c.services().stream().map(ClaimService::serviceCode).collect(Collectors.toSet());
    List<ClaimService> services = new ArrayList<>(c.services());
    for (String code : PADDING_SERVICES) {
      if (!present.contains(code) && sim.listed(facility.servicesPriceList(), code, c.targetDate())) {
        services.add(new ClaimService(code, BigDecimal.ONE,
            sim.listPrice(facility, LineKind.SERVICE, code, c.targetDate())));
      }
    }
    Plant[] plants = Plant.normals(services.size());
    Arrays.fill(plants, c.services().size(), services.size(), Plant.rejected(AbusePatterns.PADDED_VISITS));
    return new PlantedClaim(withLines(c, c.items(), services, c.icd(), c.icd1()), Plant.normals(c.items().size()),
        plants);
  }

  /** A recent honest claim copied as a visit 2–6 days later, claimed soon after; every line planted. */
  private PlantedClaim resubmitted(LocalDate day) {
    if (recentClaims.isEmpty()) {
      return null;
    }
    Claim was = recentClaims.removeLast();
    LocalDate visit = was.dateFrom().plusDays(2 + random.nextInt(5));
    LocalDate claimed = visit.isBefore(day) ? day : visit;
    long stay = was.dateTo() == null ? -1 : ChronoUnit.DAYS.between(was.dateFrom(), was.dateTo());
    Claim copy = new Claim("", was.chfId(), was.healthFacility(), visit, stay < 0 ? null : visit.plusDays(stay),
        claimed.plusDays(random.nextInt(4)), was.visitType(), was.icd(), was.icd1(), was.icd2(), was.icd3(),
        was.icd4(), was.items(), was.services(), null);
    Plant plant = Plant.rejected(AbusePatterns.RESUBMITTED_CLAIM);
    return new PlantedClaim(copy, Plant.all(was.items().size(), plant), Plant.all(was.services().size(), plant));
  }

  /** At a bad facility, one or two item lines at 3.5–10× the quantity DemoClaims makes usual. */
  private PlantedClaim inflated(LocalDate day) {
    if (sim.badFacilities.isEmpty()) {
      return null;
    }
    HealthFacility facility = sim.pick(sim.badFacilities);
    Claim c = sim.coherent(demo.next(2 + random.nextInt(5), facility, null, day));
    Plant[] items = Plant.normals(c.items().size());
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
    return new PlantedClaim(withLines(c, lines, c.services(), c.icd(), c.icd1()), items,
        Plant.normals(c.services().size()));
  }

  /** The mean quantity DemoClaims draws for an item at this unit price (its ranges' midpoints). */
  static double usualQuantity(BigDecimal unitPrice) {
    if (unitPrice.compareTo(BigDecimal.valueOf(100)) < 0) {
      return 18;
    }
    return unitPrice.compareTo(BigDecimal.valueOf(1000)) < 0 ? 5.5 : 2;
  }

  /** One line asked at 2–5× the facility's list price. */
  private PlantedClaim overpriced(LocalDate day) {
    Claim c = sim.coherent(demo.next(1 + random.nextInt(6), null, null, day));
    HealthFacility facility = sim.scheme.facility(c.healthFacility());
    Plant[] items = Plant.normals(c.items().size());
    Plant[] services = Plant.normals(c.services().size());
    List<ClaimItem> itemLines = new ArrayList<>(c.items());
    List<ClaimService> serviceLines = new ArrayList<>(c.services());
    int i = random.nextInt(itemLines.size() + serviceLines.size());
    BigDecimal factor = BigDecimal.valueOf(2 + random.nextDouble() * 3);
    if (i < itemLines.size()) {
      ClaimItem line = itemLines.get(i);
      BigDecimal list = sim.listPrice(facility, LineKind.ITEM, line.itemCode(), c.targetDate());
      itemLines.set(i, new ClaimItem(line.itemCode(), line.qtyProvided(), money(list.multiply(factor))));
      items[i] = new Plant(AbusePatterns.PRICE_ABOVE_LIST, null, list, 1, false, null);
    } else {
      int j = i - itemLines.size();
      ClaimService line = serviceLines.get(j);
      BigDecimal list = sim.listPrice(facility, LineKind.SERVICE, line.serviceCode(), c.targetDate());
      serviceLines.set(j, new ClaimService(line.serviceCode(), line.qtyProvided(), money(list.multiply(factor))));
      services[j] = new Plant(AbusePatterns.PRICE_ABOVE_LIST, null, list, 1, false, null);
    }
    return new PlantedClaim(withLines(c, itemLines, serviceLines, c.icd(), c.icd1()), items, services);
  }

  /** 4–8 claims at one facility for members of one family within three days; every line planted. */
  private List<PlantedClaim> burst(LocalDate day, long remaining) {
    if (sim.families.isEmpty()) {
      return List.of(normal(day, null, null));
    }
    List<Insuree> family = sim.pick(sim.families);
    HealthFacility facility = sim.pick(sim.facilities);
    long count = Math.min(4 + random.nextInt(5), remaining);
    // The family's claims concentrate on one or two members, as phantom visits do.
    List<Insuree> members = family.size() <= 2 ? family : List.of(sim.pick(family), sim.pick(family));
    List<PlantedClaim> claims = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Insuree member = sim.pick(members);
      Claim c = sim.coherent(demo.next(1 + random.nextInt(3), facility, member, day.plusDays(random.nextInt(3))));
      Plant plant = Plant.rejected(AbusePatterns.FAMILY_BURST);
      claims.add(new PlantedClaim(c, Plant.all(c.items().size(), plant), Plant.all(c.services().size(), plant)));
    }
    return claims;
  }
}
