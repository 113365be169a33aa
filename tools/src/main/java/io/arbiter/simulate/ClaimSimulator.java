package io.arbiter.simulate;

import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.TrainingData;
import io.arbiter.scoring.TrainingRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/*
 * Why the claims go through a real Arbiter: labels only exist for lines the rules passed, and the
 * history features (frequency, same code in 30 days, claims in 7 days) are computed from what the
 * rules booked. Simulating decisions separately would train a model on a world the engine never
 * produces. Claims are generated in order of care and submitted in order of dateClaimed (a small
 * buffer of about two weeks re-sorts them), so the ledger sees history as production would.
 */

/**
 * Simulates a year of claims over the demo scheme, adjudicates each with the rules, plants abuse
 * with per-line ground truth and has a simulated reviewer label a subset, writing a
 * {@link TrainingData} file. Deterministic: the same options and rules give the same file, byte for
 * byte.
 *
 * <p>Memory: the claims are streamed, but the utilisation ledger keeps each checked claim's usage
 * (the rules need the history) and the demo population is held three times (scheme, claim
 * generator, adjudication), so memory grows with claims and insurees: measured, 20,000 claims
 * (70,000 lines, 6,667 insurees) peak at 750 MB resident with the JVM's defaults, at roughly
 * 100–400 claims a second on one core (the rules dominate; about 2.5 kB of file a line). A
 * simulator may run several times; each run is independent. Not thread-safe.
 */
public final class ClaimSimulator {
  private final SimulatorOptions options;
  private final RuleSet rules;

  /**
   * @param options copied; later changes do not affect this simulator
   * @param rules the rules that adjudicate the claims
   * @throws IllegalArgumentException if the abuse shares add up to more than 1
   */
  public ClaimSimulator(SimulatorOptions options, RuleSet rules) {
    this.options = new SimulatorOptions(Objects.requireNonNull(options, "options"));
    this.rules = Objects.requireNonNull(rules, "rules");
    double total = this.options.getAbuseShares().values().stream().mapToDouble(Double::doubleValue).sum();
    if (total > 1) {
      throw new IllegalArgumentException("abuse shares add up to " + total + ", more than 1");
    }
  }

  /** A copy of the options. */
  public SimulatorOptions options() {
    return new SimulatorOptions(options);
  }

  /**
   * A new run: the records in decision order, generated as they are read. Each call starts over
   * and gives the same records.
   */
  public Run run() {
    return new Run(options, rules);
  }

  /**
   * Runs the simulation into a new training file (replaced if it exists). The header's source is
   * {@code "simulator seed=… claims=…"}; its scheme is the demo scheme without its population.
   *
   * @throws IOException when the file cannot be written
   */
  public Summary write(Path file) throws IOException {
    Run run = run();
    Summary.Counter counter = new Summary.Counter();
    long start = System.nanoTime();
    try (TrainingData.Writer writer = new TrainingData.Writer(file, source(), withoutPopulation(run.scheme()))) {
      while (run.hasNext()) {
        TrainingRecord record = run.next();
        writer.write(record);
        counter.add(record);
      }
    }
    return counter.summary(run.refused(), (System.nanoTime() - start) / 1_000_000);
  }

  /** What the header names as the file's source. */
  String source() {
    return "simulator seed=" + options.getSeed() + " claims=" + options.getClaims();
  }

  /**
   * The document with its registers, facilities, products and settings, and no population
   * (families, insurees, policies, memberships, vouchers): what a training file's header carries.
   */
  public static SchemeDocument withoutPopulation(SchemeDocument document) {
    return new SchemeDocument(document.name(), document.settings(), document.items(), document.services(),
        document.priceLists(), document.healthFacilities(), document.products(), document.diagnoses(),
        null, null, null, null, null);
  }

  /**
   * One simulation: an iterator over the records in decision order. Not thread-safe; claims the
   * rules refused at entry (none are expected) are skipped and counted in {@link #refused()}.
   */
  public static final class Run implements Iterator<TrainingRecord> {
    private final Simulation simulation;

    private Run(SimulatorOptions options, RuleSet rules) {
      this.simulation = new Simulation(options, rules);
    }

    /** The whole demo scheme the claims are adjudicated against, population included. */
    public SchemeDocument scheme() {
      return simulation.scheme();
    }

    /** Claims refused at entry so far (not written). */
    public long refused() {
      return simulation.refused();
    }

    @Override
    public boolean hasNext() {
      return simulation.hasNext();
    }

    @Override
    public TrainingRecord next() {
      return simulation.next();
    }
  }

  /**
   * What a run wrote.
   *
   * @param claims records written
   * @param lines item and service lines in them
   * @param abusedLines per pattern of {@link AbusePatterns} (all of them, zero included), lines planted
   * @param reviewedClaims claims with a review
   * @param labelledLines lines with a label (reviewed and passed by the rules)
   * @param positiveLabels labelled lines the reviewer adjusted or rejected
   * @param refused claims refused at entry, not written
   * @param elapsedMillis wall time of the run, in milliseconds
   */
  public record Summary(long claims, long lines, Map<String, Long> abusedLines, long reviewedClaims,
      long labelledLines, long positiveLabels, long refused, long elapsedMillis) {

    /** Labelled lines ÷ lines; 0 for no lines. */
    public double labelRate() {
      return lines == 0 ? 0 : (double) labelledLines / lines;
    }

    /** Planted lines of every pattern ÷ lines; 0 for no lines. */
    public double abuseRate() {
      return lines == 0 ? 0 : (double) abusedLines.values().stream().mapToLong(Long::longValue).sum() / lines;
    }

    /** Claims written a second of wall time. */
    public double claimsPerSecond() {
      return claims * 1000.0 / Math.max(1, elapsedMillis);
    }

    /** Counts records as they are written. */
    static final class Counter {
      private long claims;
      private long lines;
      private final Map<String, Long> abused = new LinkedHashMap<>();
      private long reviewed;
      private long labelled;
      private long positive;

      Counter() {
        AbusePatterns.ALL.forEach(p -> abused.put(p, 0L));
      }

      void add(TrainingRecord r) {
        claims++;
        lines += r.claim().items().size() + r.claim().services().size();
        if (r.truth() != null) {
          r.truth().items().forEach(this::truth);
          r.truth().services().forEach(this::truth);
        }
        if (r.review() != null) {
          reviewed++;
        }
        for (Boolean label : r.labels()) {
          if (label != null) {
            labelled++;
            positive += label ? 1 : 0;
          }
        }
      }

      private void truth(String pattern) {
        if (!TrainingRecord.NORMAL.equals(pattern)) {
          abused.merge(pattern, 1L, Long::sum);
        }
      }

      Summary summary(long refused, long elapsedMillis) {
        return new Summary(claims, lines, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(abused)), reviewed, labelled, positive, refused, elapsedMillis);
      }
    }
  }
}
