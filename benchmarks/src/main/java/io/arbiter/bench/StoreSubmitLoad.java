package io.arbiter.bench;

import io.arbiter.demo.DemoClaims;
import io.arbiter.demo.DemoScheme;
import io.arbiter.engine.Arbiter;
import io.arbiter.rules.drools.RuleSet;
import io.arbiter.scheme.SchemeDocument;
import io.arbiter.store.Store;
import io.arbiter.store.jdbc.JdbcStore;
import io.arbiter.store.jdbc.JdbcStoreOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/*
 * Why beside EchoSubmitLoad: on a shared, loaded machine the HTTP phases' figures drift by 2-3x
 * between runs, and the store's share drowns in them. This drives Claims.submit directly, the way
 * the service's workers do (THREADS at once, each claim of a random insuree, so of many families),
 * and reports the process's CPU per claim, which carries over from a loaded machine far better than
 * a rate. Issue 18 §1 (group commit) is measured with it; RESULTS.md has the figures.
 */

/**
 * Submits new 10-line {@link DemoClaims} claims from THREADS threads to an Arbiter on the default
 * store (an H2 file database in a new temporary folder, deleted afterwards) for a warm-up then the
 * measured seconds; prints claims/s and the process's CPU per claim. Usage:
 * {@code StoreSubmitLoad THREADS WARMUP_SECONDS SECONDS}.
 */
public final class StoreSubmitLoad {
  private StoreSubmitLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: StoreSubmitLoad THREADS WARMUP_SECONDS SECONDS");
      System.exit(2);
    }
    int threads = Integer.parseInt(args[0]);
    long warmup = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    SchemeDocument scheme = DemoScheme.generate(DemoScheme.DEFAULT_SEED);
    Path dir = Files.createTempDirectory("arbiter-store-load");
    try (Store store = JdbcStore.open(new JdbcStoreOptions().setUrl(
        JdbcStoreOptions.h2File(dir.resolve("arbiter").toString())))) {
      Arbiter arbiter = Arbiter.builder().rules(RuleSet.fromClasspath()).scheme(scheme).store(store).build();
      LongAdder done = new LongAdder();
      long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
      long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        DemoClaims claims = new DemoClaims(scheme, DemoScheme.DEFAULT_SEED + t, "S" + t + "-");
        Thread worker = new Thread(() -> {
          long now;
          while ((now = System.nanoTime()) < end) {
            arbiter.claims().submit(claims.next(10));
            if (now >= measureFrom) {
              done.increment();
            }
          }
        });
        workers.add(worker);
        worker.start();
      }
      Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(measureFrom - System.nanoTime())));
      long cpuAtStart = cpu();
      for (Thread worker : workers) {
        worker.join();
      }
      long cpu = cpu() - cpuAtStart;
      long n = done.sum();
      System.out.printf("store submit (h2)  %d threads, %d s after %d s warm-up: %,d claims (%,.0f/s); process CPU %,d µs a claim%n",
          threads, seconds, warmup, n, n / (double) seconds, n == 0 ? 0 : cpu / n / 1000);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
