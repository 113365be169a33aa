package io.arbiter.simulate;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoOptions;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ArbiterException;
import io.arbiter.ledger.Provision;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.Insuree;
import io.arbiter.scheme.LineKind;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scoring.TrainingRecord;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The state of one simulation run; see {@link ClaimSimulator}. Generates claims day by day
 * ({@link ClaimGenerator}), submits them in the order they are claimed to an {@link Arbiter} on a
 * {@link LedgerOnlyStore} whose clock follows the claims, and reviews the decisions
 * ({@link Reviewer}). Single-threaded.
 */
final class Simulation implements Iterator<TrainingRecord> {
  private final SimulatorOptions options;
  private final SchemeDocument document;
  private final SchemeSnapshot scheme;
  private final LedgerOnlyStore store = new LedgerOnlyStore();
  private final SimulationClock clock;
  private final Arbiter arbiter;
  private final ClaimGenerator generator;
  private final RepeatCandidates candidates;
  private final Reviewer reviewer;
  private final LocalDate start;
  private final int days;

  private final PriorityQueue<Pending> buffer = new PriorityQueue<>(
      Comparator.comparing((Pending p) -> p.claim.dateClaimed()).thenComparingLong(p -> p.seq));
  private final ArrayDeque<TrainingRecord> ready = new ArrayDeque<>();
  private long generated;
  private long sequence;
  private long refused;

  /** A generated claim, numbered, waiting for its claim date to be submitted. */
  private record Pending(Claim claim, Plant[] items, Plant[] services, long seq) {}

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
    DemoClaims demo = new DemoClaims(document, root.nextLong(), "SIM");
    SplittableRandom random = root.split();
    this.reviewer = new Reviewer(options, root.split());
    SimulatedScheme sim = new SimulatedScheme(document, scheme, random, options.getBadFacilities());
    this.candidates = new RepeatCandidates(scheme,
        options.getAbuseShares().getOrDefault(AbusePatterns.JUST_OUTSIDE_FREQUENCY, 0.0) != 0);
    double[] shares = AbusePatterns.ALL.stream()
        .mapToDouble(p -> options.getAbuseShares().getOrDefault(p, 0.0)).toArray();
    this.generator = new ClaimGenerator(sim, demo, candidates, shares);
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
        for (PlantedClaim planted : generator.generate(day, options.getClaims() - generated)) {
          add(planted);
        }
      } else {
        submit(buffer.poll());
      }
    }
  }

  /** Numbers the claim (SIM and nine digits, in the order generated) and holds it until its claim date. */
  private void add(PlantedClaim planted) {
    long seq = ++sequence;
    Claim c = planted.claim();
    Claim coded = new Claim(String.format("SIM%09d", seq), c.chfId(), c.healthFacility(), c.dateFrom(), c.dateTo(),
        c.dateClaimed(), c.visitType(), c.icd(), c.icd1(), c.icd2(), c.icd3(), c.icd4(), c.items(), c.services(),
        c.voucher());
    buffer.add(new Pending(coded, planted.items(), planted.services(), seq));
    generated++;
  }

  private void submit(Pending p) {
    Plant[] items = p.items.clone();
    Plant[] services = p.services.clone();
    confirmRepeats(p.claim, LineKind.ITEM, items);
    confirmRepeats(p.claim, LineKind.SERVICE, services);
    clock.advanceTo(p.claim.dateClaimed());
    ClaimDecision decision;
    try {
      decision = arbiter.claims().submit(p.claim).decision();
    } catch (ArbiterException e) {
      refused++;
      return;
    }
    Insuree insuree = scheme.insuree(p.claim.chfId());
    TrainingRecord.Review review = reviewer.review(decision, items, services);
    candidates.remember(p.claim, decision);
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
}
