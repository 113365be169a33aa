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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/*
 * Why CPU time and not throughput: on a shared two-core machine a concurrent build takes the core
 * away and halves any throughput figure, while the CPU time this thread spends per claim changes
 * far less. Why "both" alternates the two evaluators round by round in one JVM: the ratio of
 * issue 18 is then measured under the same load, JIT state and claims (benchmarks/RESULTS.md).
 */

/**
 * Not a JMH benchmark: the CPU time one thread spends per claim on the same 64 checked demo claims
 * as {@link AdjudicationBenchmark}, after 15 s of warm-up, over seven rounds of 2 s of CPU time;
 * prints the minimum, median and maximum microseconds per claim. With {@code both}, Drools and the
 * hand-written reference warm up and are measured in alternating rounds of the same JVM, and the
 * ratio of the medians is printed. RULES_FOLDER runs the DRL files of that folder instead of the
 * shipped ones (an earlier version of {@code rules/}, to compare two versions on the same machine).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.arbiter.bench.RulesCpuCost rules|evaluate both|drools|reference LINES [RULES_FOLDER]</pre>
 */
public final class RulesCpuCost {
  /** Where each result goes so that the JIT cannot drop the work (hashing it would add work). */
  private static volatile Object sink;

  private RulesCpuCost() {}

  public static void main(String[] args) {
    if (args.length != 3 && args.length != 4) {
      System.err.println("usage: RulesCpuCost rules|evaluate both|drools|reference LINES [RULES_FOLDER]");
      System.exit(2);
    }
    int lines = Integer.parseInt(args[2]);
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    RuleSet ruleSet = args.length == 4 ? RuleSet.fromDirectory(Path.of(args[3])) : RuleSet.fromClasspath();
    List<String> names = args[1].equals("both") ? List.of("drools", "reference") : List.of(args[1]);
    List<Function<Claim, Object>> steps = new ArrayList<>();
    Claim[] claims = null;
    for (String name : names) {
      boolean drools = name.equals("drools");
      Arbiter arbiter = (drools ? Arbiter.builder().rules(ruleSet) : ReferenceEngine.builder()).scheme(scheme).build();
      AdjudicationProbe probe = new AdjudicationProbe(SchemeSnapshot.of(scheme, "bench"),
          drools ? ruleSet : new ReferenceRules());
      steps.add(args[0].equals("rules") ? probe::adjudicate : arbiter.claims()::evaluate);
      if (claims == null) {
        claims = checkedClaims(scheme, arbiter, lines);
      }
    }
    double[][] micros = new double[steps.size()][7];
    long warmUpEnd = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < warmUpEnd) {
      for (Function<Claim, Object> step : steps) {
        for (int i = 0; i < 1000; i++) {
          sink = step.apply(claims[i & 63]);
        }
      }
    }
    for (int round = 0; round < 7; round++) {
      for (int s = 0; s < steps.size(); s++) {
        micros[s][round] = round(steps.get(s), claims);
      }
    }
    double[] medians = new double[steps.size()];
    for (int s = 0; s < steps.size(); s++) {
      Arrays.sort(micros[s]);
      medians[s] = micros[s][3];
      System.out.printf(Locale.ROOT, "%s %s %d lines: CPU µs per claim min %.1f median %.1f max %.1f%n",
          args[0], names.get(s), lines, micros[s][0], micros[s][3], micros[s][6]);
    }
    if (medians.length == 2) {
      System.out.printf(Locale.ROOT, "%s %d lines: drools ÷ reference = %.2f%n", args[0], lines, medians[0] / medians[1]);
    }
  }

  private static Claim[] checkedClaims(SchemeDocument scheme, Arbiter arbiter, int lines) {
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "BENCH-");
    List<Claim> checked = new ArrayList<>();
    while (checked.size() < 64) {
      Claim claim = generator.next(lines);
      if (arbiter.claims().evaluate(claim).status() == ClaimStatus.CHECKED) {
        checked.add(claim);
      }
    }
    return checked.toArray(Claim[]::new);
  }

  /** One round: microseconds of this thread's CPU per claim over 2 s of CPU time. */
  private static double round(Function<Claim, Object> step, Claim[] claims) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long ops = 0;
    int n = 0;
    while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
      for (int i = 0; i < 100; i++) {
        sink = step.apply(claims[n++ & 63]);
      }
      ops += 100;
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
  }
}
