package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.AdjudicationProbe;
import io.arbiter.engine.Arbiter;
import io.arbiter.engine.ReferenceEngine;
import io.arbiter.reference.ReferenceRules;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scheme.SchemeSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/*
 * Why CPU time and not throughput: on a shared two-core machine a concurrent build takes the core
 * away and halves any throughput figure, while the CPU time this thread spends per claim changes
 * far less. Comparing two builds of the rules (before/after a change) needs that steadier figure.
 */

/**
 * Not a JMH benchmark: the CPU time one thread spends per claim on the same 64 checked demo claims
 * as {@link AdjudicationBenchmark}, after 15 s of warm-up, over seven rounds of 2 s of CPU time;
 * prints the minimum, median and maximum microseconds per claim.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.arbiter.bench.RulesCpuCost rules|evaluate drools|reference LINES</pre>
 */
public final class RulesCpuCost {
  /** Where each result goes so that the JIT cannot drop the work (hashing it would add work). */
  private static volatile Object sink;

  private RulesCpuCost() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: RulesCpuCost rules|evaluate drools|reference LINES");
      System.exit(2);
    }
    boolean drools = args[1].equals("drools");
    int lines = Integer.parseInt(args[2]);
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    RuleSet ruleSet = RuleSet.fromClasspath();
    Arbiter arbiter = (drools ? Arbiter.builder().rules(ruleSet) : ReferenceEngine.builder()).scheme(scheme).build();
    AdjudicationProbe probe = new AdjudicationProbe(SchemeSnapshot.of(scheme, "bench"),
        drools ? ruleSet : new ReferenceRules());
    Function<Claim, Object> step = args[0].equals("rules") ? probe::adjudicate : arbiter.claims()::evaluate;
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    List<Claim> checked = new ArrayList<>();
    while (checked.size() < 64) {
      Claim claim = generator.next(lines);
      if (arbiter.claims().evaluate(claim).status() == ClaimStatus.CHECKED) {
        checked.add(claim);
      }
    }
    Claim[] claims = checked.toArray(Claim[]::new);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int n = 0;
    long warmUpEnd = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < warmUpEnd) {
      sink = step.apply(claims[n++ & 63]);
    }
    double[] micros = new double[7];
    for (int round = 0; round < micros.length; round++) {
      long start = threads.getCurrentThreadCpuTime();
      long ops = 0;
      while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
        for (int i = 0; i < 100; i++) {
          sink = step.apply(claims[n++ & 63]);
        }
        ops += 100;
      }
      micros[round] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
    }
    Arrays.sort(micros);
    System.out.printf(Locale.ROOT, "%s %s %d lines: CPU µs per claim min %.1f median %.1f max %.1f%n",
        args[0], args[1], lines, micros[0], micros[3], micros[6]);
  }
}
