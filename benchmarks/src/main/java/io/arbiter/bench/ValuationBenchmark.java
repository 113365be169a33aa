package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ValuationProbe;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Valuation alone (docs/adjudication.md §6: unit prices, fixed amounts, deductibles, co-insurance, category and
 * general ceilings) of the passed lines of a checked 10-line demo claim, adjudicated once at set-up
 * (the same 64 claims as {@link AdjudicationBenchmark}, against an empty ledger). Its share of
 * {@code AdjudicationBenchmark.evaluate}. Score: claims valued per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ValuationBenchmark {
  static final int CLAIMS = 64;
  static final int LINES = 10;

  private ValuationProbe[] probes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    RuleSet rules = RuleSet.fromClasspath();
    Arbiter arbiter = Arbiter.builder().rules(rules).scheme(scheme).build();
    SchemeSnapshot snapshot = SchemeSnapshot.of(scheme, "bench");
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    List<ValuationProbe> checked = new ArrayList<>(CLAIMS);
    while (checked.size() < CLAIMS) {
      Claim claim = generator.next(LINES);
      if (arbiter.claims().evaluate(claim).status() == ClaimStatus.CHECKED) {
        checked.add(ValuationProbe.of(snapshot, claim, rules));
      }
    }
    probes = checked.toArray(ValuationProbe[]::new);
  }

  @Benchmark
  public List<?> value() {
    return probes[next++ & (CLAIMS - 1)].value();
  }
}
