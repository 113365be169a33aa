package io.arbiter.bench;

import io.arbiter.claim.Claim;
import io.arbiter.claim.ClaimStatus;
import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.scoring.onnx.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not a JMH benchmark: adjudicates checked 10-line demo claims through {@code Arbiter.evaluate}
 * with a registry scorer (probabilities and occlusion reasons), on 1..N threads, with the scoring
 * thread waiting for announced callers (the default) and without, and without any scorer; prints
 * claims per second, latency percentiles, and rows per ORT call.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.arbiter.bench.MicroBatchLoad [SECONDS] [THREADS...]</pre>
 */
public final class MicroBatchLoad {
  private MicroBatchLoad() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int[] threads = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 4, 8};
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    RuleSet rules = RuleSet.fromClasspath();
    Path models = Files.createTempDirectory("microbatch");
    BenchModel.train().writeFolder(models, "bench");
    Arbiter plain = Arbiter.builder().rules(rules).scheme(scheme).build();
    DemoClaims generator = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED, "MB-");
    List<Claim> claims = new ArrayList<>();
    while (claims.size() < 64) {
      Claim c = generator.next(10);
      if (plain.claims().evaluate(c).status() == ClaimStatus.CHECKED) {
        claims.add(c);
      }
    }
    System.out.printf(Locale.ROOT, "%-12s %7s %10s %9s %9s %9s %12s%n", "scorer", "threads", "claims/s", "p50 µs",
        "p99 µs", "mean µs", "rows/ORT call");
    for (int t : threads) {
      run("none", plain, null, claims, t, seconds);
      for (boolean wait : new boolean[] {true, false}) {
        try (ModelRegistry registry = ModelRegistry.open(models, ModelRegistry.DEFAULT_DRIFT_REFERENCE_ROWS, wait)) {
          registry.activate("bench");
          Arbiter arbiter = Arbiter.builder().rules(rules).scheme(scheme).scorer(registry.scorer()).build();
          run(wait ? "batch-wait" : "no-wait", arbiter, registry, claims, t, seconds);
        }
      }
    }
  }

  private static void run(String name, Arbiter arbiter, ModelRegistry registry, List<Claim> claims, int threads,
      int seconds) throws Exception {
    // Warm-up: a third of the time, same load.
    measure(arbiter, claims, threads, Math.max(1, seconds / 3));
    long[] before = registry == null ? new long[2] : registry.scorer().batchStatistics();
    long[][] latencies = measure(arbiter, claims, threads, seconds);
    long[] after = registry == null ? new long[2] : registry.scorer().batchStatistics();
    long total = Arrays.stream(latencies).mapToLong(l -> l[0]).sum();
    long[] all = Arrays.stream(latencies).flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
    double mean = Arrays.stream(all).average().orElse(0) / 1000;
    long calls = after[0] - before[0];
    System.out.printf(Locale.ROOT, "%-12s %7d %10.0f %9.0f %9.0f %9.0f %12s%n", name, threads, (double) total / seconds,
        all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0, mean,
        calls == 0 ? "-" : String.format(Locale.ROOT, "%.0f", (double) (after[1] - before[1]) / calls));
  }

  /** Per thread: [count, latency ns...]. */
  private static long[][] measure(Arbiter arbiter, List<Claim> claims, int threads, int seconds) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    long[][] latencies = new long[threads][];
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        long[] l = new long[1 << 22];
        int n = 0;
        int next = id * 7;
        while (running.get() && n < l.length - 1) {
          long start = System.nanoTime();
          arbiter.claims().evaluate(claims.get(next++ & 63));
          l[++n] = System.nanoTime() - start;
        }
        l[0] = n;
        latencies[id] = l;
        done.countDown();
      });
      thread.start();
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    done.await();
    return latencies;
  }
}
