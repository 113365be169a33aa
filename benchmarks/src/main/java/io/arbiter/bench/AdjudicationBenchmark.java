package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimDecision;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.RuleSet;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/*
 * Why these settings: Drools keeps compiling and inlining for about ten seconds, and short runs
 * gave ±100 % errors (stack notes), hence 3 × 10 s of warm-up. The claims rotate over a small
 * array so that the rules see different insurees, facilities and codes rather than one hot path,
 * yet the array stays in cache and the figure is the engine's, not the generator's.
 */

/**
 * Throughput of adjudicating one 10-line claim in-process: entry checks, the Drools rules and the
 * provisional valuation, through {@link Arbiter#evaluate} (no store, no ledger booking, so every
 * call sees the same state). Claims come from {@link DemoClaims} against the demo scheme with
 * {@link DemoScheme#DEFAULT_SEED}; only claims that reach status 4 are kept, so every call runs the
 * valuation too (most still have a rejected line or two). Scores are claims per second, per
 * benchmark run: divide the two-thread score by two for claims per second per thread.
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
  static final int LINES = 10;

  private Arbiter arbiter;
  private Claim[] claims;

  @Setup(Level.Trial)
  public void setUp() {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).build();
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    List<Claim> checked = new ArrayList<>(CLAIMS);
    while (checked.size() < CLAIMS) {
      Claim claim = generator.next(LINES);
      if (arbiter.evaluate(claim).status() == ClaimDecision.STATUS_CHECKED) {
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

  /** One thread: claims per second on one core. */
  @Benchmark
  public ClaimDecision evaluate(Cursor cursor) {
    return arbiter.evaluate(claims[cursor.next++ & (CLAIMS - 1)]);
  }

  /** Two threads, one per core of the reference machine: claims per second of the whole engine. */
  @Benchmark
  @Threads(2)
  public ClaimDecision evaluateTwoThreads(Cursor cursor) {
    return arbiter.evaluate(claims[cursor.next++ & (CLAIMS - 1)]);
  }
}
