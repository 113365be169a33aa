package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.AdjudicationProbe;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ReferenceEngine;
import io.arbiter.reference.ReferenceRules;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeSnapshot;
import io.arbiter.scheme.SchemeDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Why these settings: Drools keeps compiling and inlining for about ten seconds, and short runs
 * gave ±100 % errors (docs/dependencies.md), hence 3 × 10 s of warm-up. The claims rotate over a small
 * array so that the rules see different insurees, facilities and codes rather than one hot path,
 * yet the array stays in cache and the figure is the engine's, not the generator's.
 */

/**
 * Rules-only adjudication of checked demo claims of {@code lines} lines (1, 10, 50), decided by the
 * DRL rules ({@code rules=drools}) or, in the same run and around the very same Java, by the
 * hand-written {@code ReferenceRules} ({@code rules=reference}); the ratio of the two scores is the
 * cost of Drools over plain Java (goal ≤ 1.5). {@code rules} measures the rules step alone
 * (pre-joins, the rules, reading the verdicts); {@code evaluate} the whole in-memory adjudication
 * ({@code Arbiter.evaluate}: entry checks, rules, product choice, provisional valuation; no store
 * write, booking or scoring). Score: claims per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class AdjudicationBenchmark {
  /** Claims rotated over; a power of two so the index is a mask. */
  static final int CLAIMS = 64;

  /** Lines per claim. */
  @Param({"1", "10", "50"})
  int lines;

  /** Who decides: the DRL rules or the hand-written reference evaluator. */
  @Param({"drools", "reference"})
  String rules;

  private Arbiter arbiter;
  private AdjudicationProbe probe;
  private Claim[] claims;

  @Setup(Level.Trial)
  public void setUp() {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    RuleSet drools = RuleSet.fromClasspath();
    Arbiter.Builder builder = switch (rules) {
      case "drools" -> Arbiter.builder().rules(drools);
      case "reference" -> ReferenceEngine.builder();
      default -> throw new IllegalArgumentException("rules must be drools or reference, was " + rules);
    };
    arbiter = builder.scheme(scheme).build();
    probe = new AdjudicationProbe(SchemeSnapshot.of(scheme, "bench"),
        rules.equals("drools") ? drools : new ReferenceRules());
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    List<Claim> checked = new ArrayList<>(CLAIMS);
    while (checked.size() < CLAIMS) {
      Claim claim = generator.next(lines);
      if (arbiter.claims().evaluate(claim).status() == ClaimStatus.CHECKED) {
        checked.add(claim);
      }
    }
    claims = checked.toArray(Claim[]::new);
  }

  /** Each thread walks the claims from its own position. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** The rules step alone, one thread: claims per second. */
  @Benchmark
  public Object rules(Cursor cursor) {
    return probe.adjudicate(claims[cursor.next++ & (CLAIMS - 1)]);
  }

  /** One thread: claims per second on one core. */
  @Benchmark
  public ClaimDecision evaluate(Cursor cursor) {
    return arbiter.claims().evaluate(claims[cursor.next++ & (CLAIMS - 1)]);
  }

  /** Two threads, one per core of the reference machine: claims per second of the whole engine. */
  @Benchmark
  @Threads(2)
  public ClaimDecision evaluateTwoThreads(Cursor cursor) {
    return arbiter.claims().evaluate(claims[cursor.next++ & (CLAIMS - 1)]);
  }
}
